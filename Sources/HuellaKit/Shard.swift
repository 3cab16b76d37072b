import HuellaCore

/// `--shard K/N`: this copy audits the assistants whose website host falls in shard K of N,
/// so every page of one host stays in one shard and per-host politeness holds.
public struct Shard: Sendable, Hashable, CustomStringConvertible {
    public let index: Int
    public let count: Int

    /// Parses `K/N` with 1 ≤ K ≤ N.
    public init?(_ text: String) {
        let parts = text.split(separator: "/")
        guard parts.count == 2, let k = Int(parts[0]), let n = Int(parts[1]), n >= 1, (1...n).contains(k) else { return nil }
        index = k
        count = n
    }

    public var description: String { "\(index)/\(count)" }

    public func contains(_ assistant: Assistant) -> Bool {
        let key = assistant.website.flatMap(PageKey.host) ?? assistant.id
        let hash = Fingerprint.of([key]).prefix(16)
        return Int(UInt64(hash, radix: 16).map { $0 % UInt64(count) } ?? 0) == index - 1
    }
}
