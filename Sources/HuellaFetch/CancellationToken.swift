import Synchronization

/// A flag a task's cancellation handler sets and the transfer loop reads.
final class CancellationToken: Sendable {
    private let flag = Atomic<Bool>(false)

    var isCancelled: Bool { flag.load(ordering: .acquiring) }

    func cancel() { flag.store(true, ordering: .releasing) }
}
