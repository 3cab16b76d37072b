import Foundation
import HuellaCore

#if canImport(Glibc)
    import Glibc
#endif

/// A progress bar on stderr, on a terminal only and for more than a moment of work;
/// silent (machine-friendly) otherwise.
final class Progress: Sendable {
    private let total: Int
    private let enabled: Bool
    private let done = Locked(0)

    init(total: Int) {
        self.total = total
        enabled = isatty(STDERR_FILENO) == 1 && total > 1
    }

    func advance() {
        guard enabled else { return }
        let count = done.withLock { n -> Int in
            n += 1
            return n
        }
        let width = 30
        let filled = total > 0 ? width * count / total : width
        let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
        FileHandle.standardError.write(Data("\r\u{1B}[K\(bar) \(count)/\(total) assistants".utf8))
    }

    func finish() {
        guard enabled else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }
}
