import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A TCP listener on a loopback address that only counts the connections it accepts. Tests
/// point refused addresses at it (with `--connect-to`) to prove no connection was ever made.
///
/// `@unchecked Sendable` invariant: `accepted` is only touched under `lock`; the socket is
/// closed once, in `stop`.
public final class LoopbackListener: @unchecked Sendable {
    public let address: String
    public let port: Int
    private let fd: Int32
    private let lock = NSLock()
    private var accepted = 0
    private var stopped = false

    /// Listens on `address` (127.0.0.2 by default) at a port the OS picks.
    public init(address: String = "127.0.0.2") throws {
        self.address = address
        let s = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard s >= 0 else { throw FixtureServerError(message: "socket() failed") }
        var one: Int32 = 1
        setsockopt(s, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_port = 0
        inet_pton(AF_INET, address, &addr.sin_addr)
        let bound = withUnsafePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(s, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(s, 16) == 0 else {
            close(s)
            throw FixtureServerError(message: "cannot listen on \(address)")
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(s, $0, &length) }
        }
        port = Int(UInt16(bigEndian: addr.sin_port))
        fd = s
        let thread = Thread { [self] in acceptLoop() }
        thread.start()
    }

    deinit { stop() }

    /// How many connections reached the listener.
    public var connections: Int { lock.withLock { accepted } }

    public func stop() {
        lock.lock()
        defer { lock.unlock() }
        guard !stopped else { return }
        stopped = true
        shutdown(fd, Int32(SHUT_RDWR))
        close(fd)
    }

    private func acceptLoop() {
        while true {
            let client = accept(fd, nil, nil)
            if client < 0 { return }
            lock.withLock { accepted += 1 }
            close(client)
        }
    }
}
