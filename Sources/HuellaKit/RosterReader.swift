import Foundation
import HuellaCore
import HuellaFetch
import Yams

/// Reads a roster of self-reported data: JSON (`{"assistants": [...]}`, SPEC's shape), the
/// same shape in YAML, or CSV with one VA a row. Each entry is decoded on its own, so one
/// malformed entry is reported (file, line or entry) and skipped while the rest are audited.
public enum RosterReader {
    /// Reads a roster (JSON, YAML or CSV by its extension); messages and references name it
    /// `displayPath` (the path as given, by default).
    public static func read(at filePath: String, displayPath: String? = nil) throws(InputError) -> ([Assistant], [Diagnostic]) {
        let text = try AuditInputs.readText(filePath)
        return try parse(text, format: (filePath as NSString).pathExtension, path: displayPath ?? filePath, filePath: filePath)
    }

    /// A roster's text in a format (`json`, `yaml`, `csv`); `path` names it in messages and
    /// `filePath` is where relative evidence paths start.
    public static func parse(_ text: String, format: String, path: String, filePath: String) throws(InputError)
        -> ([Assistant], [Diagnostic])
    {
        let slots: [(location: String, result: Result<Entry, EntryError>)]
        switch format.lowercased() {
        case "yaml", "yml": slots = try yamlSlots(text, path: path)
        case "csv": slots = try RosterCSV.slots(text, path: path)
        default: slots = try jsonSlots(text, path: path)
        }
        return validate(slots, path: path, filePath: filePath)
    }

    static func jsonSlots(_ text: String, path: String) throws(InputError) -> [(location: String, result: Result<Entry, EntryError>)] {
        let file: RosterFile
        do {
            file = try JSONDecoder().decode(RosterFile.self, from: Data(text.utf8))
        } catch {
            throw InputError(file: path, message: "not a roster: \(describe(error))")
        }
        return file.assistants.enumerated().map { ("\(path): assistants[\($0.offset)]", $0.element.result) }
    }

    /// YAML rosters: each entry decoded on its own, located by its line.
    static func yamlSlots(_ text: String, path: String) throws(InputError) -> [(location: String, result: Result<Entry, EntryError>)] {
        let node: Node?
        do {
            node = try Yams.compose(yaml: text)
        } catch {
            throw InputError(file: path, message: "invalid YAML: \(error)")
        }
        guard let items = node?.mapping?["assistants"]?.sequence else {
            throw InputError(file: path, message: "not a roster: missing key 'assistants' (a list)")
        }
        return items.enumerated().map { index, item in
            let location = "\(path):\(item.mark?.line ?? 0): assistants[\(index)]"
            do {
                return (location, .success(try YAMLDecoder().decode(Entry.self, from: item)))
            } catch {
                return (location, .failure(EntryError(message: describe(error))))
            }
        }
    }

    /// The checks every roster gets, whatever its format: ids present and unique, URLs http(s).
    static func validate(_ slots: [(location: String, result: Result<Entry, EntryError>)], path: String, filePath: String)
        -> ([Assistant], [Diagnostic])
    {
        var assistants: [Assistant] = []
        var diagnostics: [Diagnostic] = []
        var ids: Set<String> = []
        for (index, slot) in slots.enumerated() {
            let location = slot.location
            switch slot.result {
            case .failure(let error):
                diagnostics.append(Diagnostic(level: .error, location: location, message: "\(error.message); entry skipped"))
            case .success(let entry):
                let named = "\(location) (id '\(entry.id)')"
                if entry.id.isEmpty {
                    diagnostics.append(Diagnostic(level: .error, location: location, message: "empty id; entry skipped"))
                    continue
                }
                guard ids.insert(entry.id).inserted else {
                    diagnostics.append(
                        Diagnostic(level: .error, location: named, message: "duplicate id '\(entry.id)'; entry skipped"))
                    continue
                }
                var website = entry.website
                if let site = website, let problem = URLCheck.problem(with: site) {
                    diagnostics.append(Diagnostic(level: .error, location: named, message: "website: \(problem)"))
                    website = nil
                }
                let profiles = entry.profiles.filter { profile in
                    guard let problem = URLCheck.problem(with: profile) else { return true }
                    diagnostics.append(
                        Diagnostic(level: .error, location: named, message: "profile skipped: \(problem)"))
                    return false
                }
                let base = (filePath as NSString).deletingLastPathComponent
                let evidence = entry.evidence.map { $0.hasPrefix("/") ? $0 : (base as NSString).appendingPathComponent($0) }
                assistants.append(
                    Assistant(
                        id: entry.id, name: entry.name, website: website, profiles: profiles,
                        selfReport: entry.claims, origin: location, evidence: evidence,
                        reference: (path.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? path) + "#/assistants/\(index)"))
            }
        }
        return (assistants, diagnostics)
    }

    /// A decoding error in words; `skip` leading path components (the entry's own position) are left out.
    static func describe(_ error: any Error, skip: Int = 0) -> String {
        guard let decoding = error as? DecodingError else { return "invalid JSON" }
        switch decoding {
        case .keyNotFound(let key, _): return "missing key '\(key.stringValue)'"
        case .typeMismatch(_, let c), .valueNotFound(_, let c):
            let path = c.codingPath.dropFirst(skip).map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }
                .joined(separator: ".")
            return "wrong type at '\(path)'"
        case .dataCorrupted(let c):
            let underlying = (c.underlyingError as NSError?)?.userInfo[NSDebugDescriptionErrorKey] as? String
            return "invalid JSON" + (underlying.map { ": \($0)" } ?? "")
        @unknown default: return "invalid JSON"
        }
    }

    struct RosterFile: Decodable {
        var assistants: [Slot]
    }

    /// One array element, decoded without failing the whole array.
    struct Slot: Decodable {
        var result: Result<Entry, EntryError>

        init(from decoder: any Decoder) throws {
            do {
                result = .success(try Entry(from: decoder))
            } catch {
                result = .failure(EntryError(message: RosterReader.describe(error, skip: decoder.codingPath.count)))
            }
        }
    }

    struct EntryError: Error {
        var message: String
    }

    struct Entry: Decodable {
        var id: String
        var name: String?
        var website: String?
        var profiles: [String]
        var claims: SelfReport?
        var evidence: [String]

        enum CodingKeys: String, CodingKey { case id, name, website, profiles, claims, evidence }

        init(id: String, name: String?, website: String?, profiles: [String], claims: SelfReport?, evidence: [String]) {
            self.id = id
            self.name = name
            self.website = website
            self.profiles = profiles
            self.claims = claims
            self.evidence = evidence
        }

        /// An evidence item: a path, or `{"path": …, "type": "linkedin-export"}`.
        struct EvidenceItem: Decodable {
            var path: String
            init(from decoder: any Decoder) throws {
                if let text = try? decoder.singleValueContainer().decode(String.self) {
                    path = text
                } else {
                    struct Object: Decodable { var path: String }
                    path = try Object(from: decoder).path
                }
            }
        }

        init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            id = try c.decode(String.self, forKey: .id)
            name = try c.decodeIfPresent(String.self, forKey: .name)
            website = try c.decodeIfPresent(String.self, forKey: .website)
            profiles = try c.decodeIfPresent([String].self, forKey: .profiles) ?? []
            claims = try c.decodeIfPresent(SelfReport.self, forKey: .claims)
            evidence = try c.decodeIfPresent([EvidenceItem].self, forKey: .evidence)?.map(\.path) ?? []
        }
    }
}
