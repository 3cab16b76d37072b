/// Something the run wants a person to know that is not a finding: a bad input
/// line, a page that failed to parse, a skipped JSON-LD block.
public struct Diagnostic: Sendable, Hashable, Codable {
    public enum Level: String, Sendable, Hashable, Codable {
        case error
        case warning
        case note
    }

    public var level: Level
    /// Where: a file and line, a URL, an entry.
    public var location: String
    public var message: String

    public init(level: Level, location: String, message: String) {
        self.level = level
        self.location = location
        self.message = message
    }

    /// `location: level: message`, compiler style.
    public var rendered: String { "\(location): \(level.rawValue): \(message)" }
}
