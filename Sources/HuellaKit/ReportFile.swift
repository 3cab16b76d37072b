import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A report being written: to stdout as it comes, or to a file that appears whole.
///
/// A file is written to a temporary sibling opened with mode 0600 (reports hold personal
/// data), flushed to disk and renamed over the target at `commit`, so a reader never sees
/// a truncated report, even if the run is killed.
public final class ReportFile {
    private let target: String?
    private let temporary: String?
    private let handle: FileHandle

    /// Opens stdout (`path == nil` or `-`) or a temporary file beside `path`.
    public init(path: String?) throws(InputError) {
        guard let path, path != "-" else {
            target = nil
            temporary = nil
            handle = FileHandle.standardOutput
            return
        }
        let url = URL(fileURLWithPath: path)
        let temp = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).\(getpid()).tmp").path
        let fd = open(temp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            throw InputError(file: path, message: "cannot write report: \(String(cString: strerror(errno)))")
        }
        target = path
        temporary = temp
        handle = FileHandle(fileDescriptor: fd, closeOnDealloc: true)
    }

    public func write(_ data: Data) throws(InputError) {
        guard !data.isEmpty else { return }
        do {
            try handle.write(contentsOf: data)
        } catch {
            throw InputError(file: target ?? "stdout", message: "cannot write report: \(error.localizedDescription)")
        }
    }

    /// Makes the file appear under its name (no-op for stdout).
    public func commit() throws(InputError) {
        guard let target, let temporary else { return }
        do {
            try handle.synchronize()
            try handle.close()
        } catch {
            throw InputError(file: target, message: "cannot write report: \(error.localizedDescription)")
        }
        guard rename(temporary, target) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw InputError(file: target, message: "cannot write report: \(reason)")
        }
    }

    /// Removes the temporary file of a report that will not be committed.
    public func discard() {
        guard let temporary else { return }
        try? handle.close()
        unlink(temporary)
    }
}
