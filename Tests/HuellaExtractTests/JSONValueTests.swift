import Foundation
import HuellaTestSupport
import Testing

@testable import HuellaExtract

/// `JSONValue.parse` reads JSON-LD as `JSONDecoder` did before it (through a `Decodable` that
/// tried each kind in turn): the same values, and the same texts refused.
@Suite("JSON is read as JSONDecoder reads it")
struct JSONValueTests {
    /// The former reading: `JSONDecoder` into a `Decodable` mirror of `JSONValue`.
    struct Decoded: Decodable {
        let value: JSONValue

        init(from decoder: any Decoder) throws {
            let c = try decoder.singleValueContainer()
            if c.decodeNil() {
                value = .null
            } else if let s = try? c.decode(String.self) {
                value = .string(s)
            } else if let o = try? c.decode([String: Decoded].self) {
                value = .object(o.mapValues(\.value))
            } else if let a = try? c.decode([Decoded].self) {
                value = .array(a.map(\.value))
            } else if let n = try? c.decode(Double.self) {
                value = .number(n)
            } else {
                value = .bool(try c.decode(Bool.self))
            }
        }
    }

    static func decoded(_ text: String) -> JSONValue? {
        try? JSONDecoder().decode(Decoded.self, from: Data(text.utf8)).value
    }

    @Test("awkward texts: trailing commas, duplicate names, escapes, surrogates, numbers at their limits, nesting")
    func awkwardTexts() {
        let nested = { (n: Int) in String(repeating: "[", count: n) + String(repeating: "]", count: n) }
        let cases: [String] = [
            #"{"a":1,"a":2}"#, "{\"a\":\"x\ny\"}", #"{"a":"\ud800"}"#, #"{"a":"\ud83d\ude00"}"#, #"["\uD83D\uDE00"]"#,
            #"["\uDE00\uD83D"]"#, #"["\ud800\u0041"]"#, #"["\ud800x"]"#, #"["\udc00"]"#, #"["\u00E9\u00e9"]"#, #"["\u0000"]"#,
            #"["\/\b\f\n\r\t\"\\"]"#, #"["\x41"]"#, #"["a\"]"#, "[\"\t\"]", "[\"a\u{7F}b\"]", "[\"é ñ “quoted” 😀\"]",
            "[1e400]", "[-0]", "[01]", "[1.]", "[.5]", "[1e5]", "[1E+2]", "[2.5E-3]", "[1e]", "[1e+]", "[-]", "[-a]", "[+1]", "-01",
            "[123456789012345678901234567890]", "[1e-400]", "[0e-400]", "[-0.0e-400]", "[1e-320]", "[4.9e-324]", "[2e-324]",
            "[1e308]", "[2e308]", "[0.1]", "[NaN]", "[Infinity]", "12", "\"str\"", "true", "null", "[tru]", "[truex]", "[nul]",
            #"{"a":1,}"#, "[1,]", "[1,]  ", #"{"a":{"b":1,},}"#, "[\"x\" , ]", "{\"a\":1 , }", "[ , 1]", "[1,,2]", "[,]", "{,}",
            #"{"a":1,,}"#, "[1 2]", #"{"a" 1}"#, "{a:1}", "['a']", "{1:2}", "[1]]", "[true] x", #"{"a":1}{"#, "[1/*c*/]",
            " \n\t[null] \r\n", "\u{A0}[]", "[\u{0B}1]", "\u{FEFF}{}", "\u{FEFF}\u{FEFF}[]", " \u{FEFF}[]", "", " ", "[]", "{}",
            nested(511), nested(512), nested(513), nested(600),
            "{\"a\":" + String(repeating: "{\"a\":", count: 510) + "1" + String(repeating: "}", count: 511),
            "{\"a\":" + String(repeating: "{\"a\":", count: 511) + "1" + String(repeating: "}", count: 512),
            #"{"@context":"https://schema.org","@type":"Person","name":"Lucía Fernández","sameAs":["https://www.linkedin.com/in/lucia"],"alumniOf":{"@type":"CollegeOrUniversity","name":"UNAM"},"knowsLanguage":[{"name":"English","alternateName":"C1"}]}"#,
        ]
        for text in cases {
            #expect(JSONValue.parse(text) == Self.decoded(text), "\(text.prefix(80).debugDescription)")
        }
    }

    @Test("every JSON-LD block of the fixture pages reads as it did")
    func fixtureBlocks() {
        var blocks = 0
        for document in FastPathTests.pageDocuments() {
            for script in document.elements(named: "script") where document.attribute("type", of: script, contains: "application/ld+json") {
                let raw = JSONLDExtractor.unwrap(document.text(of: script))
                #expect(JSONValue.parse(raw) == Self.decoded(raw), "\(raw.prefix(120))")
                blocks += 1
            }
        }
        #expect(blocks > 20)
    }

    @Test("random texts of JSON's pieces are read alike, valid or not")
    func randomTexts() {
        var generator = SeededGenerator(seed: 2026)
        let pieces = [
            "{", "}", "[", "]", ",", ":", " ", "\n", "\"a\"", "\"b\"", "\"\\u00e9\"", "\"\\ud83d\\ude00\"", "\"\\\"", "\"x\\n\"",
            "1", "-0", "0.5", "1e3", "2e-324", "01", "true", "false", "null", "tru", "\"", "\\", "\u{1}",
        ]
        var valid = 0
        for _ in 0..<6000 {
            let text = (0..<Int.random(in: 1...14, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
            let expected = Self.decoded(text)
            #expect(JSONValue.parse(text) == expected, "\(text.debugDescription)")
            if expected != nil { valid += 1 }
        }
        // Enough of them are JSON for the values to be compared, not only the refusals.
        #expect(valid > 200)
    }
}
