import Foundation
import HuellaCore
import Yams

/// The skills vocabulary (`data/skills.yaml`): each skill's id, English and Spanish labels
/// and synonyms. Matching ignores case and accents and works on whole words, so "QBO",
/// "QuickBooks Online" and "contabilidad en QuickBooks" all name `quickbooks-online`.
public struct SkillVocabulary: Sendable {
    public struct Skill: Sendable, Hashable, Codable {
        public var id: String
        public var en: String
        public var es: String
        public var category: String
        public var synonyms: [String]
    }

    public let skills: [Skill]
    /// First token of a phrase → the phrases starting with it (longest first) and their skill.
    private let phrases: [String: [(tokens: [String], id: String)]]

    public init(skills: [Skill]) {
        self.skills = skills
        var phrases: [String: [(tokens: [String], id: String)]] = [:]
        for skill in skills {
            for label in Set([skill.en, skill.es] + skill.synonyms) {
                let tokens = Self.tokens(of: label).map(\.folded)
                guard let first = tokens.first else { continue }
                phrases[first, default: []].append((tokens, skill.id))
            }
        }
        for key in phrases.keys { phrases[key]?.sort { $0.tokens.count > $1.tokens.count } }
        self.phrases = phrases
    }

    /// An empty vocabulary: no text matches a skill.
    public static let empty = SkillVocabulary(skills: [])

    /// Loads the YAML file.
    public static func load(path: String) throws -> SkillVocabulary {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        return SkillVocabulary(skills: try YAMLDecoder().decode([Skill].self, from: text))
    }

    /// The skill a label names: the whole label must be one of a skill's names.
    public func id(for label: String) -> String? {
        let tokens = Self.tokens(of: label).map(\.folded)
        guard let first = tokens.first else { return nil }
        return phrases[first]?.first { $0.tokens == tokens }?.id
    }

    /// A skill's label in a language.
    public func label(of id: String, english: Bool = true) -> String? {
        skills.first { $0.id == id }.map { english ? $0.en : $0.es }
    }

    /// Every skill named in a text, with the range (UTF-16) of the first mention of each.
    func mentions(in text: String) -> [(id: String, range: NSRange)] {
        let words = Self.tokens(of: text)
        var found: [(String, NSRange)] = []
        var seen: Set<String> = []
        var i = 0
        while i < words.count {
            var advanced = 1
            if let candidates = phrases[words[i].folded] {
                for candidate in candidates where i + candidate.tokens.count <= words.count {
                    let window = words[i..<(i + candidate.tokens.count)]
                    guard zip(window, candidate.tokens).allSatisfy({ $0.folded == $1 }) else { continue }
                    let start = words[i].range.location
                    let last = words[i + candidate.tokens.count - 1].range
                    if seen.insert(candidate.id).inserted {
                        found.append((candidate.id, NSRange(location: start, length: last.location + last.length - start)))
                    }
                    advanced = candidate.tokens.count
                    break
                }
            }
            i += advanced
        }
        return found
    }

    struct Token {
        var folded: String
        var range: NSRange
    }

    /// Words of letters and digits, folded (lower case, no accents), with their ranges
    /// (UTF-16, as `NSString` counts). Walks the UTF-8 bytes: ASCII is folded by hand, and
    /// the letters outside it through `Folding`.
    static func tokens(of text: String) -> [Token] {
        var text = text
        return text.withUTF8 { tokens(utf8: $0) }
    }

    /// The walk itself, on the bytes. Its state is local to this function (no closure holds
    /// it: variables a closure captures live in heap boxes, and the walk doubled in cost).
    private static func tokens(utf8 bytes: UnsafeBufferPointer<UInt8>) -> [Token] {
        var tokens: [Token] = []
        var word: [UInt8] = []
        var start = 0
        var offset = 0  // UTF-16 offset of the scalar being read
        var i = 0
        while i < bytes.count {
            let byte = bytes[i]
            if byte < 0x80 {
                switch byte {
                case 0x30...0x39, 0x61...0x7A:
                    if word.isEmpty { start = offset }
                    word.append(byte)
                case 0x41...0x5A:
                    if word.isEmpty { start = offset }
                    word.append(byte | 0x20)
                default:
                    close(&word, into: &tokens, from: start, to: offset)
                }
                offset += 1
                i += 1
                continue
            }
            // A scalar of two to four bytes (a Swift string is valid UTF-8).
            let length = byte < 0xE0 ? 2 : byte < 0xF0 ? 3 : 4
            var value = UInt32(byte) & (length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07)
            for k in 1..<length { value = value << 6 | UInt32(bytes[i + k] & 0x3F) }
            let scalar = Unicode.Scalar(value) ?? "\u{FFFD}"
            if scalar.properties.isAlphabetic || scalar.properties.numericType != nil {
                if word.isEmpty { start = offset }
                word.append(contentsOf: Folding.fold(scalar).utf8)
            } else {
                close(&word, into: &tokens, from: start, to: offset)
            }
            offset += value > 0xFFFF ? 2 : 1
            i += length
        }
        close(&word, into: &tokens, from: start, to: offset)
        return tokens
    }

    /// Ends the word being read, if any, as a token from `start` to `end` (UTF-16).
    @inline(__always)
    private static func close(_ word: inout [UInt8], into tokens: inout [Token], from start: Int, to end: Int) {
        guard !word.isEmpty else { return }
        tokens.append(Token(folded: String(decoding: word, as: UTF8.self), range: NSRange(location: start, length: end - start)))
        word.removeAll(keepingCapacity: true)
    }
}

/// Skills a page names, as skill ids of the vocabulary.
struct SkillMentions {
    let vocabulary: SkillVocabulary

    func claims(in index: TextIndex) -> [Claim] {
        vocabulary.mentions(in: index.string).map { index.claim(.skill, .text($0.id), at: $0.range) }
    }
}
