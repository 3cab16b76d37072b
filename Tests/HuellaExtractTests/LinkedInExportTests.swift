import Foundation
import HuellaCore
import HuellaTestSupport
import Testing

@testable import HuellaExtract

@Suite("LinkedIn data export")
struct LinkedInExportTests {
    @Test("reads the export's files into claims of their own kind")
    func reads() throws {
        let reading = try LinkedInExport().read(path: FixturePaths.path("Fixtures/tests/evidence/linkedin-export-en.zip"))
        #expect(Set(reading.files).isSuperset(of: ["Profile.csv", "Positions.csv", "Education.csv", "Skills.csv"]))
        #expect(reading.claims.allSatisfy { $0.origin == .vaSupplied && $0.url == "evidence:linkedin-export-en.zip" })
        #expect(reading.claims.contains { $0.kind == .name })
        let languages = reading.claims.compactMap { claim -> LanguageSkill? in
            if case .language(let l) = claim.value { return l }
            return nil
        }
        #expect(languages.contains(LanguageSkill(code: "de", level: .b1)))
    }

    @Test("a ZIP whose headers point nowhere (found by the fuzzer) ends quickly with what could be read")
    func corruptOffsets() throws {
        let clock = ContinuousClock()
        let elapsed = try clock.measure {
            let reading = try LinkedInExport().read(path: FixturePaths.path("Fixtures/tests/evidence/fuzz-corrupt-offsets.zip"))
            #expect(!reading.diagnostics.isEmpty)
        }
        #expect(elapsed < .seconds(10))
    }

    @Test("work that never ends is abandoned at the deadline")
    func deadline() {
        let clock = ContinuousClock()
        let start = clock.now
        let value = ThreadDeadline.run(seconds: 0.3) { () -> Int in
            Thread.sleep(forTimeInterval: 3)
            return 1
        }
        #expect(value == nil)
        #expect(clock.now - start < .seconds(2))
        #expect(ThreadDeadline.run(seconds: 5) { 42 } == 42)
    }

    @Test("not a ZIP at all is an error naming the file")
    func notZip() throws {
        let dir = try TemporaryDirectory()
        let path = try dir.write("export.zip", "First Name,Last Name\nAna,Ruiz\n")
        #expect(throws: EvidenceError.self) { try LinkedInExport().read(path: path) }
    }
}
