import Foundation

/// huella's version, as the User-Agent and reports show it.
public enum HuellaVersion {
    public static let current = "0.1.0"

    /// This executable, as its size and modification time: a rebuilt binary (new rules code,
    /// new extraction) never reuses a verdict an older one stored, even at the same version.
    public static let build: String = {
        var info = stat()
        guard stat("/proc/self/exe", &info) == 0 else { return UUID().uuidString }
        return "\(info.st_size)-\(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec)"
    }()
}
