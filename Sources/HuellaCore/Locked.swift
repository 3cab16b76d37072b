import Foundation

/// A value behind a lock, for state shared between threads.
///
/// Used instead of the standard library's `Mutex`: on Linux its lock waits in raw futex
/// calls that ThreadSanitizer cannot see, so in debug builds every contended `withLock`
/// is reported as a race (reproduced with a two-line program, 2 runs in 3). `NSLock` is a
/// pthread mutex, which ThreadSanitizer understands, and `scripts/sanitize` stays meaningful.
///
/// `@unchecked Sendable`: `value` is read and written only inside `withLock`.
public final class Locked<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value

    public init(_ value: Value) {
        self.value = value
    }

    public func withLock<Result>(_ body: (inout Value) throws -> Result) rethrows -> Result {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }
}

/// Answers remembered across calls and threads, for up to `capacity` keys; past that, answers
/// are worked out each time (keys made from data must not grow the table without end).
public final class Memo<Key: Hashable & Sendable, Value: Sendable>: Sendable {
    private let table = Locked<[Key: Value]>([:])
    private let capacity: Int

    public init(capacity: Int) {
        self.capacity = capacity
    }

    public func value(for key: Key, _ compute: () -> Value) -> Value {
        if let known = table.withLock({ $0[key] }) { return known }
        let value = compute()
        table.withLock { table in
            if table.count < capacity { table[key] = value }
        }
        return value
    }
}
