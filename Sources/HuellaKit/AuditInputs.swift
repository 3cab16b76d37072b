import Foundation
import HuellaCore
import HuellaFetch

/// Reads the inputs of an audit: URL lists and rosters. A bad line or entry becomes a
/// diagnostic naming the file and line or entry; the good ones are still audited.
public enum AuditInputs {
    /// Assistants from a URL list: one website a line, `#` comments and blank lines ignored.
    public static func readURLList(at path: String) throws(InputError) -> ([Assistant], [Diagnostic]) {
        let text = try readText(path)
        var assistants: [Assistant] = []
        var diagnostics: [Diagnostic] = []
        var ids: Set<String> = []
        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = rawLine.trimmingCharacters(in: .whitespacesAndNewlines)
            let location = "\(path):\(index + 1)"
            if line.isEmpty || line.hasPrefix("#") { continue }
            if let problem = URLCheck.problem(with: line) {
                diagnostics.append(Diagnostic(level: .error, location: location, message: "\(problem); line skipped"))
                continue
            }
            var id = PageKey.host(of: line) ?? "line-\(index + 1)"
            if ids.contains(id) { id += "-\(index + 1)" }
            ids.insert(id)
            assistants.append(Assistant(id: id, website: line, origin: location))
        }
        return (assistants, diagnostics)
    }

    static func readText(_ path: String) throws(InputError) -> String {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw InputError(file: path, message: "cannot read file")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw InputError(file: path, message: "file is not UTF-8 text")
        }
        return text
    }
}

/// An input file that cannot be used at all (unreadable, not JSON at the top level).
public struct InputError: Error, Sendable, CustomStringConvertible {
    public var file: String
    public var message: String

    public init(file: String, message: String) {
        self.file = file
        self.message = message
    }

    public var description: String { "\(file): \(message)" }
}
