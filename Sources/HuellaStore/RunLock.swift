import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// An exclusive lock beside the store (`state.sqlite.lock`): two runs on the same store never
/// overlap. The kernel drops the lock when the process dies, even by `kill -9`.
public final class RunLock: Sendable {
    private let descriptor: Int32
    public let path: String

    /// Takes the lock or fails at once.
    public init(storePath: String) throws(StoreError) {
        path = storePath + ".lock"
        try? FileManager.default.createDirectory(
            atPath: (storePath as NSString).deletingLastPathComponent, withIntermediateDirectories: true,
            attributes: [.posixPermissions: 0o700])
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw StoreError(path: path, message: "cannot open the lock file: \(String(cString: strerror(errno)))") }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            close(fd)
            throw StoreError(path: storePath, message: "another huella run is using this state store")
        }
        let pid = "\(getpid())\n"
        _ = ftruncate(fd, 0)
        _ = pid.withCString { write(fd, $0, strlen($0)) }
        descriptor = fd
    }

    deinit {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}
