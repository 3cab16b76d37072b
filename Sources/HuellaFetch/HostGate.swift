import Foundation

/// Per-host admission: at most N transfers at once and a minimum spacing between starts,
/// per host. Hosts are independent, so a slow host only delays its own requests.
actor HostGate {
    private struct HostState {
        var active = 0
        var nextStart = ContinuousClock.now
        var waiters: [CheckedContinuation<Void, Never>] = []
    }

    private var hosts: [String: HostState] = [:]
    private var robots: [String: Task<RobotsVerdict, Never>] = [:]

    /// Waits until the host has a free slot and its spacing has passed, then takes the slot.
    func acquire(_ host: String, limit: Int, spacing: Double) async {
        while true {
            var state = hosts[host] ?? HostState()
            let now = ContinuousClock.now
            // A cancelled task does not wait: it takes its slot and its transfer ends at once.
            if Task.isCancelled || (state.active < limit && now >= state.nextStart) {
                state.active += 1
                state.nextStart = now + .milliseconds(Int(spacing * 1000))
                hosts[host] = state
                return
            }
            if state.active >= limit {
                await withCheckedContinuation { continuation in
                    hosts[host, default: HostState()].waiters.append(continuation)
                }
            } else {
                try? await Task.sleep(until: state.nextStart, clock: .continuous)
            }
        }
    }

    /// Frees a slot and wakes one waiter, which re-checks the spacing.
    func release(_ host: String) {
        guard var state = hosts[host] else { return }
        state.active -= 1
        if !state.waiters.isEmpty { state.waiters.removeFirst().resume() }
        hosts[host] = state
    }

    /// Pushes the host's next start back (after a 429/503 with Retry-After).
    func pause(_ host: String, seconds: Double) {
        var state = hosts[host] ?? HostState()
        let until = ContinuousClock.now + .milliseconds(Int(seconds * 1000))
        if until > state.nextStart { state.nextStart = until }
        hosts[host] = state
    }

    /// The host's robots.txt, fetched once per run however many tasks ask at once.
    func robots(for origin: String, load: @escaping @Sendable () async -> RobotsVerdict) async -> RobotsVerdict {
        if let task = robots[origin] { return await task.value }
        let task = Task { await load() }
        robots[origin] = task
        return await task.value
    }
}
