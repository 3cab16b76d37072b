import Foundation
import HuellaCore
import SwiftCSV

/// CSV rosters, one VA a row. Columns (header names, any order; only `id` is required):
/// `id, name, website, profiles, experienceYears, skills, languages, certifications,
/// degree, field, institution, year, evidence`. Lists are separated by `;`; a certification
/// is `Name (Issuer)`.
enum RosterCSV {
    static let columns: Set<String> = [
        "id", "name", "website", "profiles", "experienceYears", "skills", "languages", "certifications", "degree", "field",
        "institution", "year", "evidence",
    ]

    static func slots(_ text: String, path: String) throws(InputError) -> [(location: String, result: Result<RosterReader.Entry, RosterReader.EntryError>)] {
        let csv: CSV<Named>
        do {
            csv = try CSV<Named>(string: text, delimiter: .comma, loadColumns: false)
        } catch {
            throw InputError(file: path, message: "malformed CSV: \(error)")
        }
        let unknown = csv.header.filter { !columns.contains($0) }
        if !csv.header.contains("id") { throw InputError(file: path, message: "the header row has no 'id' column") }
        if !unknown.isEmpty {
            throw InputError(file: path, message: "unknown columns: \(unknown.joined(separator: ", ")); known: \(columns.sorted().joined(separator: ", "))")
        }
        return csv.rows.enumerated().map { index, row in
            // Line numbers count the header as line 1 (a quoted field with a line break shifts them).
            let location = "\(path):\(index + 2)"
            return (location, entry(row))
        }
    }

    private static func entry(_ row: [String: String]) -> Result<RosterReader.Entry, RosterReader.EntryError> {
        func field(_ name: String) -> String? {
            let value = row[name]?.trimmingCharacters(in: .whitespaces)
            return value?.isEmpty == false ? value : nil
        }
        func list(_ name: String) -> [String] {
            (field(name) ?? "").split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        }
        guard let id = field("id") else { return .failure(.init(message: "missing id")) }
        var years: Int?
        if let text = field("experienceYears") {
            guard let n = Int(text), (0...70).contains(n) else {
                return .failure(.init(message: "experienceYears '\(text)' is not a whole number of years"))
            }
            years = n
        }
        var year: Int?
        if let text = field("year") {
            guard let n = Int(text) else { return .failure(.init(message: "year '\(text)' is not a year")) }
            year = n
        }
        let certifications = list("certifications").map { item -> SelfReport.Certification in
            guard let open = item.lastIndex(of: "("), item.hasSuffix(")") else { return .init(name: item) }
            let issuer = item[item.index(after: open)..<item.index(before: item.endIndex)].trimmingCharacters(in: .whitespaces)
            return .init(name: item[..<open].trimmingCharacters(in: .whitespaces), issuer: issuer)
        }
        let education = field("degree") == nil && field("institution") == nil
            ? [] : [SelfReport.Education(degree: field("degree"), field: field("field"), institution: field("institution"), year: year)]
        let report = SelfReport(
            experienceYears: years, skills: list("skills"), education: education, certifications: certifications,
            languages: list("languages"))
        return .success(
            .init(id: id, name: field("name"), website: field("website"), profiles: list("profiles"), claims: report, evidence: list("evidence")))
    }
}
