import Foundation

/// Where a page's extraction spends its time, stage by stage: each `lap` charges the time
/// since the previous one to a stage. For the benchmark (`huella-bench stages`): a profiler's
/// samples of Swift code lose their callers too often to say which stage a cost belongs to,
/// and wall-clock laps of whole stages vary far less from run to run.
///
/// Not Sendable: one extraction's (or one benchmark loop's), on one thread.
public final class StageClock {
    /// Each stage's name and the nanoseconds charged to it, in the order stages first ran.
    public private(set) var stages: [(name: String, nanoseconds: UInt64)] = []
    private var positions: [String: Int] = [:]
    private var last: UInt64 = 0

    public init() {}

    /// The total charged to all stages.
    public var nanoseconds: UInt64 { stages.reduce(0) { $0 + $1.nanoseconds } }

    /// Starts timing a page: the next lap counts from here.
    func start() {
        last = DispatchTime.now().uptimeNanoseconds
    }

    /// Charges the time since the previous lap (or `start`) to `stage`.
    func lap(_ stage: String) {
        let now = DispatchTime.now().uptimeNanoseconds
        if let position = positions[stage] {
            stages[position].nanoseconds += now - last
        } else {
            positions[stage] = stages.count
            stages.append((stage, now - last))
        }
        last = now
    }
}
