import Foundation
import HuellaCore
import SwiftCSV
import ZIPFoundation

/// Reads the ZIP of CSV files LinkedIn's "Get a copy of your data" gives, as evidence the VA
/// supplied: Profile, Positions, Education, Skills, Certifications and Languages.
public struct LinkedInExport: Sendable {
    /// Largest CSV read from the archive, and largest total: a ZIP bomb stops here.
    public static let maxEntryBytes = 8 * 1024 * 1024
    public static let maxTotalBytes = 32 * 1024 * 1024
    /// Largest export file read at all.
    public static let maxArchiveBytes = 64 * 1024 * 1024

    public let vocabulary: SkillVocabulary

    public init(vocabulary: SkillVocabulary = .empty) {
        self.vocabulary = vocabulary
    }

    /// What one export yields.
    public struct Reading: Sendable {
        public var claims: [Claim]
        public var diagnostics: [Diagnostic]
        /// Files of the export that were read.
        public var files: [String]
    }

    /// Reads the export at `path`. Throws only when the file is not a readable ZIP; a bad
    /// CSV inside becomes a diagnostic and the other files still count.
    public func read(path: String) throws(EvidenceError) -> Reading {
        // Opened from the file, not from memory: ZIPFoundation's in-memory reader traps on a header
        // that seeks before the start (found by the fuzzer); the file reader reports it as an error.
        // (Its path handling leaks a few bytes per archive opened, which we accept.)
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.intValue ?? 0
        guard size <= Self.maxArchiveBytes else {
            throw EvidenceError(file: path, message: "export larger than \(Self.maxArchiveBytes / 1_048_576) MiB; not read")
        }
        let archive: Archive
        do {
            archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .read)
        } catch {
            throw EvidenceError(file: path, message: "not a readable ZIP archive")
        }
        let source = "evidence:" + (path as NSString).lastPathComponent
        var claims: [Claim] = []
        var diagnostics: [Diagnostic] = []
        var files: [String] = []
        var total = 0
        for entry in archive where entry.type == .file {
            let name = (entry.path as NSString).lastPathComponent
            guard let kind = CSVFile(rawValue: name) else { continue }
            guard entry.uncompressedSize <= UInt64(Self.maxEntryBytes), total + Int(entry.uncompressedSize) <= Self.maxTotalBytes
            else {
                diagnostics.append(Diagnostic(level: .warning, location: "\(path) \(name)", message: "file too large; skipped"))
                continue
            }
            var data = Data()
            do {
                _ = try archive.extract(entry, skipCRC32: false) { chunk in
                    guard data.count + chunk.count <= Self.maxEntryBytes else { throw EvidenceError(file: path, message: "entry larger than declared") }
                    data.append(chunk)
                }
            } catch {
                diagnostics.append(Diagnostic(level: .warning, location: "\(path) \(name)", message: "cannot extract: \(error)"))
                continue
            }
            total += data.count
            let text = String(decoding: data.starts(with: [0xEF, 0xBB, 0xBF]) ? data.dropFirst(3) : data[...], as: UTF8.self)
            do {
                let csv = try CSV<Named>(string: text, delimiter: .comma, loadColumns: false)
                claims += self.claims(from: kind, rows: csv.rows, source: source)
                files.append(name)
            } catch {
                diagnostics.append(Diagnostic(level: .warning, location: "\(path) \(name)", message: "malformed CSV (\(error)); file skipped"))
            }
        }
        if files.isEmpty {
            diagnostics.append(Diagnostic(level: .warning, location: path, message: "no LinkedIn export files (Profile.csv, Positions.csv…) found"))
        }
        return Reading(claims: claims, diagnostics: diagnostics, files: files)
    }

    enum CSVFile: String {
        case profile = "Profile.csv"
        case positions = "Positions.csv"
        case education = "Education.csv"
        case skills = "Skills.csv"
        case certifications = "Certifications.csv"
        case languages = "Languages.csv"
    }

    private func claims(from file: CSVFile, rows: [[String: String]], source: String) -> [Claim] {
        var claims: [Claim] = []
        func add(_ kind: ClaimKind, _ value: ClaimValue, row: Int, excerpt: String) {
            claims.append(
                Claim(kind: kind, value: value, origin: .vaSupplied, url: source, excerpt: excerpt, locator: "\(file.rawValue)#row=\(row + 2)"))
        }
        for (i, row) in rows.enumerated() {
            func field(_ name: String) -> String? {
                let value = row[name]?.trimmingSpacesAndNewlines()
                return value?.isEmpty == false ? value : nil
            }
            switch file {
            case .profile:
                let name = [field("First Name"), field("Last Name")].compactMap { $0 }.joined(separator: " ")
                if !name.isEmpty { add(.name, .text(name), row: i, excerpt: name) }
                if let headline = field("Headline") { add(.jobTitle, .text(headline), row: i, excerpt: headline) }
                if let birth = field("Birth Date"), let year = Self.year(in: birth) { add(.birthYear, .number(year), row: i, excerpt: birth) }
                for site in Self.websites(field("Websites") ?? "") { add(.sameAs, .text(site), row: i, excerpt: site) }
                if let summary = field("Summary") {
                    // The summary is free text: read it like a page's visible text.
                    let index = TextIndex(blocks: [TextBlock(text: summary, locator: "Profile.csv#row=\(i + 2)")], url: source, origin: .vaSupplied)
                    claims += ExperiencePatterns().claims(in: index)
                }
            case .positions:
                let start = field("Started On").flatMap(Self.yearMonth)
                let end = field("Finished On").flatMap(Self.yearMonth)
                let position = Position(
                    title: field("Title"), organization: field("Company Name"), start: start, end: end, current: field("Finished On") == nil)
                add(.position, .position(position), row: i, excerpt: position.description)
            case .education:
                let degreeName = field("Degree Name")
                let endYear = field("End Date").flatMap(Self.year)
                let degree = Degree(
                    level: degreeName.flatMap(EducationLevel.of), name: degreeName, field: degreeName.flatMap(EducationLevel.field),
                    institution: field("School Name"), status: (endYear ?? 0) > Patterns.currentYear ? .inProgress : .completed, year: endYear)
                add(.education, .degree(degree), row: i, excerpt: [degreeName, field("School Name")].compactMap { $0 }.joined(separator: ", "))
            case .skills:
                if let name = field("Name") { add(.skill, .text(vocabulary.id(for: name) ?? name), row: i, excerpt: name) }
            case .certifications:
                if let name = field("Name") {
                    add(.credential, .credential(Credential(name: name, issuer: field("Authority"))), row: i, excerpt: name)
                }
            case .languages:
                if let name = field("Name"), let code = LanguagePatterns.code(for: name) {
                    let level = field("Proficiency").flatMap(LanguagePatterns.levelValue)
                    add(.language, .language(LanguageSkill(code: code, level: level)), row: i, excerpt: name)
                }
            }
        }
        return claims
    }

    /// "Jan 2019", "ene 2019", "2019-01", "2019".
    static func yearMonth(_ text: String) -> YearMonth? {
        if let value = YearMonth(text) { return value }
        let parts = text.lowercased().replacingOccurrences(of: ".", with: "").split(separator: " ")
        guard let last = parts.last, let year = Int(last), (1900...2100).contains(year) else { return nil }
        let month = parts.count > 1 ? PositionPatterns.months.first { $0.0 == String(parts[0]) }?.1 : nil
        return YearMonth(year: year, month: month)
    }

    static func year(in text: String) -> Int? {
        text.split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }.first { (1900...2100).contains($0) }
    }

    /// "[PERSONAL:https://a.com/],[COMPANY:https://b.com]" → the URLs.
    static func websites(_ text: String) -> [String] {
        text.components(separatedBy: CharacterSet(charactersIn: "[],")).compactMap { part in
            guard let colon = part.firstIndex(of: ":") else { return nil }
            let candidate = part[part.index(after: colon)...].trimmingSpaces()
            return candidate.hasPrefix("http") ? candidate : (part.hasPrefix("http") ? part : nil)
        }
    }
}

extension LinkedInExport {
    /// Reads the export on a thread of its own and gives up after `seconds`. ZIPFoundation
    /// 0.9.20 loops forever on a deflate stream that runs past the end of the file (found by
    /// the fuzzer); a thread stuck that way is abandoned — it spins until the process exits —
    /// and the run goes on with the export marked unreadable.
    public func read(path: String, timeout seconds: Double) throws(EvidenceError) -> Reading {
        let reader = self
        let outcome = ThreadDeadline.run(seconds: seconds) { () -> Result<Reading, EvidenceError> in
            do throws(EvidenceError) { return .success(try reader.read(path: path)) } catch { return .failure(error) }
        }
        guard let outcome else {
            throw EvidenceError(file: path, message: "reading the export took more than \(Int(seconds)) s; abandoned (a malformed ZIP)")
        }
        return try outcome.get()
    }
}

/// Runs work on a thread of its own and waits at most `seconds` for it. On time-out the
/// thread is abandoned (it runs on until it ends or the process exits) and the caller gets nil.
public enum ThreadDeadline {
    /// The worker's result: written by the worker before it signals, read only after the signal.
    private final class Box<T>: @unchecked Sendable {
        var value: T?
    }

    public static func run<T: Sendable>(seconds: Double, _ work: @escaping @Sendable () -> T) -> T? {
        let box = Box<T>()
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            box.value = work()
            done.signal()
        }
        thread.stackSize = 4 << 20
        thread.start()
        guard done.wait(timeout: .now() + seconds) == .success else { return nil }
        return box.value
    }
}

/// A supplied evidence file that cannot be read at all.
public struct EvidenceError: Error, Sendable, CustomStringConvertible {
    public var file: String
    public var message: String
    public var description: String { "\(file): \(message)" }
}
