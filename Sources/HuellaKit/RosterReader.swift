import Foundation
import HuellaCore
import HuellaFetch

/// Reads a JSON roster (`{"assistants": [...]}`, SPEC's shape). Each entry is decoded on
/// its own, so one malformed entry is reported and skipped while the rest are audited.
public enum RosterReader {
    /// Reads a roster; messages and references name it `displayPath` (the path as given, by default).
    public static func read(at filePath: String, displayPath: String? = nil) throws(InputError) -> ([Assistant], [Diagnostic]) {
        let text = try AuditInputs.readText(filePath)
        let path = displayPath ?? filePath
        let file: RosterFile
        do {
            file = try JSONDecoder().decode(RosterFile.self, from: Data(text.utf8))
        } catch {
            throw InputError(file: path, message: "not a roster: \(describe(error))")
        }
        var assistants: [Assistant] = []
        var diagnostics: [Diagnostic] = []
        var ids: Set<String> = []
        for (index, slot) in file.assistants.enumerated() {
            let location = "\(path): assistants[\(index)]"
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

    private struct RosterFile: Decodable {
        var assistants: [Slot]
    }

    /// One array element, decoded without failing the whole array.
    private struct Slot: Decodable {
        var result: Result<Entry, EntryError>

        init(from decoder: any Decoder) throws {
            do {
                result = .success(try Entry(from: decoder))
            } catch {
                result = .failure(EntryError(message: RosterReader.describe(error, skip: decoder.codingPath.count)))
            }
        }
    }

    private struct EntryError: Error {
        var message: String
    }

    private struct Entry: Decodable {
        var id: String
        var name: String?
        var website: String?
        var profiles: [String]
        var claims: SelfReport?
        var evidence: [String]

        enum CodingKeys: String, CodingKey { case id, name, website, profiles, claims, evidence }

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
