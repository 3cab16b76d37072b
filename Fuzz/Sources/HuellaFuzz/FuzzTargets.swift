import CFuzzDriver
import Foundation
import HuellaExtract
import HuellaFetch
import HuellaKit
import HuellaRules

/// One entry point for libFuzzer; `HUELLA_FUZZ_TARGET` picks what the input is fed to:
/// `html` (the whole page extractor), `jsonld`, `robots`, `roster-json`, `roster-yaml`,
/// `roster-csv`, `rules` (the rule loader), `linkedin-export` (a ZIP).
enum FuzzTarget: String {
    case html, jsonld, robots, rosterJSON = "roster-json", rosterYAML = "roster-yaml", rosterCSV = "roster-csv", rules
    case linkedinExport = "linkedin-export"

    static let current: FuzzTarget = {
        let name = ProcessInfo.processInfo.environment["HUELLA_FUZZ_TARGET"] ?? "html"
        guard let target = FuzzTarget(rawValue: name) else { fatalError("unknown HUELLA_FUZZ_TARGET '\(name)'") }
        return target
    }()

    static let extractor = PageExtractor(
        vocabulary: (try? SkillVocabulary.load(path: "data/skills.yaml")) ?? .empty,
        hosts: (try? ProfileHosts.load(directory: "data/profile-hosts")) ?? .empty)

    func run(_ data: Data) {
        let text = String(decoding: data, as: UTF8.self)
        switch self {
        case .html:
            _ = Self.extractor.extract(body: data, contentType: nil, url: "https://fuzz.test/", origin: .website)
        case .jsonld:
            let html = Data(#"<html><head><script type="application/ld+json">"#.utf8) + data + Data("</script></head></html>".utf8)
            _ = Self.extractor.extract(body: html, contentType: "text/html; charset=utf-8", url: "https://fuzz.test/", origin: .profile)
        case .robots:
            let robots = RobotsTxt(parsing: text, userAgent: "huella")
            for path in ["/", "/private/x", "/a/b.pdf", "/%7Ejoe/", "/x?y=1"] { _ = robots.allows(path: path) }
        case .rosterJSON, .rosterYAML, .rosterCSV:
            let format = self == .rosterJSON ? "json" : self == .rosterYAML ? "yaml" : "csv"
            _ = try? RosterReader.parse(text, format: format, path: "fuzz.\(format)", filePath: "/nonexistent/fuzz.\(format)")
        case .rules:
            _ = RuleLoader().parse(text, path: "fuzz.yaml")
        case .linkedinExport:
            let path = FileManager.default.temporaryDirectory.appendingPathComponent("huella-fuzz-\(getpid()).zip").path
            FileManager.default.createFile(atPath: path, contents: data)
            _ = try? LinkedInExport().read(path: path)
        }
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> Int32 {
    FuzzTarget.current.run(Data(bytes: bytes, count: count))
    return 0
}

/// SwiftPM calls an executable's entry point `HuellaFuzz_main`; hand control to libFuzzer.
@_cdecl("HuellaFuzz_main")
public func fuzzMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    var count = argc
    var arguments = argv
    // Lazy globals (the vocabulary, compiled patterns, libxml2's set-up) are made once, here,
    // so that libFuzzer's per-input leak check does not count them as leaks.
    FuzzTarget.current.run(Data("<html><body><p>warm up</p></body></html>".utf8))
    if let seed = ProcessInfo.processInfo.environment["HUELLA_FUZZ_WARMUP"], let data = FileManager.default.contents(atPath: seed) {
        FuzzTarget.current.run(data)
    }
    return LLVMFuzzerRunDriver(&count, &arguments) { data, size in
        guard let data else { return 0 }
        return fuzzOne(data, size)
    }
}
