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
        /// What the skill is written as when a VA says what they do for the client
        /// ("I manage your inbox"): see `SkillServices`.
        public var services: Services? = nil
    }

    /// The objects that name a skill after a verb of service, and the verbs only it takes.
    public struct Services: Sendable, Hashable, Codable {
        public var objects: [String]
        public var verbs: [String]?
    }

    public let skills: [Skill]
    /// First token of a phrase → the phrases starting with it (longest first) and their skill.
    private let phrases: [String: [(tokens: [String], id: String)]]
    /// The same phrases as bytes, found by their first token's bytes (`mentions` reads a
    /// page's words as bytes, without a String each); nil when a folded token is not ASCII,
    /// where byte equality could differ from String equality (canonical equivalence).
    private let firstWords: FirstWords?
    /// Skills named by what the VA does for the client ("I manage your inbox").
    let services: SkillServices

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
        services = SkillServices(skills)
        let ascii = phrases.values.allSatisfy { list in list.allSatisfy { $0.tokens.allSatisfy { $0.utf8.allSatisfy { $0 < 0x80 } } } }
        firstWords = ascii ? FirstWords(phrases, verbs: services.verbEnds) : nil
    }

    /// An open-addressed table from a first token's bytes (FNV-1a hash) to its phrases.
    private struct FirstWords: Sendable {
        private var slots: [Int32]
        /// Every first word's bytes one after another, and where each one lies among them:
        /// a probe compares bytes in place (an entry holding arrays was copied, with its
        /// reference counts, at every probe).
        private var bytes: [UInt8] = []
        private var bounds: [Range<Int>] = []
        /// Per first word, in the order of `bounds`: the phrases starting with it, as bytes.
        let lists: [[(tokens: [[UInt8]], id: String)]]
        /// Per first word, in the order of `bounds`: whether it ends a verb of `SkillServices`,
        /// and how (`Tables.mayEndVerb`).
        private var verbs: [VerbEnd] = []
        /// The entries of the words that come before the last words of longer verbs.
        private var wordsBefore: [Int32] = []

        enum VerbEnd {
            /// It ends no verb.
            case none
            /// It is a verb by itself: whatever comes before it.
            case alone
            /// It ends only longer verbs: the word before it is one of `wordsBefore[range]`.
            case after(Range<Int>)
        }

        init(_ phrases: [String: [(tokens: [String], id: String)]], verbs: [String: Set<String>?]) {
            // The words before verbs' last words are keys too, of no phrase: a page's word is
            // told to be one by its entry.
            let keys = Set(phrases.keys).union(verbs.keys).union(verbs.values.compactMap { $0 }.joined()).sorted()
            var size = 64
            while size < keys.count * 4 { size *= 2 }
            slots = [Int32](repeating: -1, count: size)
            var lists: [[(tokens: [[UInt8]], id: String)]] = []
            var entries: [String: Int32] = [:]
            for first in keys {
                entries[first] = Int32(bounds.count)
                let word = Array(first.utf8)
                var slot = word.withUnsafeBufferPointer { Int(Self.hash($0) & UInt64(size - 1)) }
                while slots[slot] >= 0 { slot = (slot + 1) & (size - 1) }
                slots[slot] = Int32(bounds.count)
                bounds.append(bytes.count..<bytes.count + word.count)
                bytes += word
                lists.append((phrases[first] ?? []).map { (tokens: $0.tokens.map { Array($0.utf8) }, id: $0.id) })
            }
            self.lists = lists
            for first in keys {
                switch verbs[first] {
                case nil: self.verbs.append(.none)
                case .some(nil): self.verbs.append(.alone)
                case .some(let before?):
                    let start = wordsBefore.count
                    wordsBefore += before.compactMap { entries[$0] }
                    self.verbs.append(.after(start..<wordsBefore.count))
                }
            }
        }

        static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
            var hash: UInt64 = 0xcbf2_9ce4_8422_2325
            for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
            return hash
        }

        /// Calls `body` with the table's arrays opened once (a page asks for every word).
        func withTables<R>(_ body: (Tables) -> R) -> R {
            slots.withUnsafeBufferPointer { slots in
                bytes.withUnsafeBufferPointer { bytes in
                    bounds.withUnsafeBufferPointer { bounds in
                        verbs.withUnsafeBufferPointer { verbs in
                            wordsBefore.withUnsafeBufferPointer { before in
                                body(Tables(slots: slots, bytes: bytes, bounds: bounds, verbs: verbs, wordsBefore: before))
                            }
                        }
                    }
                }
            }
        }

        struct Tables {
            let slots: UnsafeBufferPointer<Int32>
            let bytes: UnsafeBufferPointer<UInt8>
            let bounds: UnsafeBufferPointer<Range<Int>>
            let verbs: UnsafeBufferPointer<VerbEnd>
            let wordsBefore: UnsafeBufferPointer<Int32>

            /// Whether the word of `entry` may end a verb of `SkillServices` where `previous`
            /// gives the entry of the word before it (nil: it has none, or a sign stands
            /// between them; asked only of a word that ends longer verbs). A test of the verbs'
            /// last two words only: `SkillServices` reads them all.
            func mayEndVerb(_ entry: Int, after previous: () -> Int?) -> Bool {
                switch verbs[entry] {
                case .none: return false
                case .alone: return true
                case .after(let range):
                    guard let previous = previous() else { return false }
                    return wordsBefore[range].contains(Int32(previous))
                }
            }

            /// Where in `lists` the phrases starting with the word are, if any start with it.
            func entry(startingWith word: UnsafeBufferPointer<UInt8>) -> Int? {
                var slot = Int(FirstWords.hash(word) & UInt64(slots.count - 1))
                while slots[slot] >= 0 {
                    let entry = Int(slots[slot])
                    let range = bounds[entry]
                    if range.count == word.count && UnsafeBufferPointer(rebasing: bytes[range]).elementsEqual(word) { return entry }
                    slot = (slot + 1) & (slots.count - 1)
                }
                return nil
            }
        }
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

    /// The skills a structured label names (`knowsAbout`, `p-skill`): the one it is whole,
    /// or else those named in it ("Calendar & inbox management", "Bookkeeping and payroll");
    /// none when it names no skill of the vocabulary.
    public func ids(for label: String) -> [String] {
        if let id = id(for: label) { return [id] }
        return mentions(in: label).map(\.id)
    }

    /// A skill's label in a language.
    public func label(of id: String, english: Bool = true) -> String? {
        skills.first { $0.id == id }.map { english ? $0.en : $0.es }
    }

    /// Every skill named in a text, with the range (UTF-16) of the first mention of each that
    /// `accept` takes (a later mention stands for one it refuses).
    func mentions(in text: String, where accept: (NSRange) -> Bool = { _ in true }) -> [(id: String, range: NSRange)] {
        let words = Self.words(of: text)
        return words.folded.withUnsafeBufferPointer { mentions(folded: $0, spans: words.spans, marks: words.marks, accept: accept) }
    }

    private func mentions(
        folded: UnsafeBufferPointer<UInt8>, spans: [(bytes: Range<Int>, range: NSRange)], marks: [SkillServices.Mark],
        accept: (NSRange) -> Bool
    ) -> [(id: String, range: NSRange)] {
        func word(_ i: Int) -> UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(rebasing: folded[spans[i].bytes]) }
        var found: [(String, NSRange)] = []
        var seen: Set<String> = []
        // The phrase of `count` words from word `i` names the skill: its first accepted mention counts.
        func mention(_ id: String, at i: Int, words count: Int) {
            let start = spans[i].range.location
            let last = spans[i + count - 1].range
            let range = NSRange(location: start, length: last.location + last.length - start)
            if !seen.contains(id), accept(range) {
                seen.insert(id)
                found.append((id, range))
            }
        }
        // Word `i` ends a verb of service: the skills its objects name ("I manage your inbox").
        func serviceMentions(afterVerbAt i: Int) {
            let named = services.mentions(afterVerbAt: i, count: spans.count, word: word) { marks[$0] }
            for (id, at, count) in named { mention(id, at: at, words: count) }
        }
        guard let firstWords else {
            var i = 0
            while i < spans.count {
                var advanced = 1
                if services.endsVerb(String(decoding: word(i), as: UTF8.self)) { serviceMentions(afterVerbAt: i) }
                for phrase in phrases[String(decoding: word(i), as: UTF8.self)] ?? [] where i + phrase.tokens.count <= spans.count {
                    guard (1..<phrase.tokens.count).allSatisfy({ phrase.tokens[$0] == String(decoding: word(i + $0), as: UTF8.self) })
                    else { continue }
                    mention(phrase.id, at: i, words: phrase.tokens.count)
                    advanced = phrase.tokens.count
                    break
                }
                i += advanced
            }
            return found
        }
        // The first word is the table's key; the phrase's other words are compared as bytes.
        firstWords.withTables { table in
            var i = 0
            while i < spans.count {
                var advanced = 1
                if let entry = table.entry(startingWith: word(i)) {
                    if table.mayEndVerb(entry, after: { i > 0 && marks[i] == .none ? table.entry(startingWith: word(i - 1)) : nil }) {
                        serviceMentions(afterVerbAt: i)
                    }
                    for phrase in firstWords.lists[entry] where i + phrase.tokens.count <= spans.count {
                        guard (1..<phrase.tokens.count).allSatisfy({ phrase.tokens[$0].elementsEqual(word(i + $0)) }) else { continue }
                        mention(phrase.id, at: i, words: phrase.tokens.count)
                        advanced = phrase.tokens.count
                        break
                    }
                }
                i += advanced
            }
        }
        return found
    }

    struct Token {
        var folded: String
        var range: NSRange
    }

    /// Words of letters and digits, folded (lower case, no accents), with their ranges
    /// (UTF-16, as `NSString` counts).
    static func tokens(of text: String) -> [Token] {
        let words = self.words(of: text)
        return words.spans.map { Token(folded: String(decoding: words.folded[$0.bytes], as: UTF8.self), range: $0.range) }
    }

    /// The words of a text with their folded bytes in one buffer: `folded[span.bytes]` is the
    /// UTF-8 of a token's `folded`.
    struct Words {
        var folded: [UInt8] = []
        var spans: [(bytes: Range<Int>, range: NSRange)] = []
        /// Per span, what stands between it and the word before (`SkillServices.Mark`): white
        /// space only, a list's comma, or another sign.
        var marks: [SkillServices.Mark] = []
    }

    /// Walks the UTF-8 bytes: ASCII is folded by hand, the letters outside it through `Folding`.
    static func words(of text: String) -> Words {
        var text = text
        return text.withUTF8 { words(utf8: $0) }
    }

    /// An ASCII letter or digit, or a byte of a scalar past ASCII (a letter, mostly).
    private static func isWordByte(_ byte: UInt8) -> Bool {
        byte >= 0x80 || (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
    }

    /// The scalars U+0080–U+00FF: whether each is part of a word, and its folded bytes.
    private static let latin1: [(isWord: Bool, folded: [UInt8])] = (0x80...0xFF).map { value in
        let scalar = Unicode.Scalar(UInt8(value))
        return (scalar.properties.isAlphabetic || scalar.properties.numericType != nil, Array(Folding.fold(scalar).utf8))
    }

    /// The walk itself, on the bytes. Its state is local to this function and only the nested
    /// `close`, which does not escape, captures it (a closure handed to another function
    /// boxed the variables it captured on the heap, and the walk doubled in cost). The folded
    /// bytes are written to a buffer of their own, copied into `Words` at the end: an array
    /// appended to byte by byte cost most of the walk.
    private static func words(utf8 bytes: UnsafeBufferPointer<UInt8>) -> Words {
        var words = Words()
        // Room for every byte written as it is (ASCII), twice over: folding a scalar rarely
        // lengthens it, and the buffer grows before a fold would leave less than that.
        var out = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: bytes.count * 2 + 16)
        words.spans.reserveCapacity(bytes.count / 4)
        defer { out.deallocate() }
        var count = 0  // bytes written to `out`
        var wordStart = 0  // where the word being read begins in `out`; empty while equal to `count`
        var start = 0
        var offset = 0  // UTF-16 offset of the scalar being read
        var mark = SkillServices.Mark.none  // what was read since the last word
        words.marks.reserveCapacity(bytes.count / 4)
        func close() {
            guard count > wordStart else { return }
            words.spans.append((wordStart..<count, NSRange(location: start, length: offset - start)))
            words.marks.append(mark)
            mark = .none
            wordStart = count
        }
        var i = 0
        while i < bytes.count {
            let byte = bytes[i]
            if byte < 0x80 {
                switch byte {
                case 0x30...0x39, 0x41...0x5A, 0x61...0x7A:
                    if count == wordStart { start = offset }
                    out[count] = byte | 0x20  // lowers A–Z, keeps a–z and 0–9
                    count += 1
                default:
                    close()
                    // Spaces join words, and so do an apostrophe ("team's", "clients' inboxes",
                    // a quote: "'inbox'") and a hyphen between two letters ("e-mail"). A comma,
                    // "&" or "/" goes on a list; a line break (the end of a block: a heading
                    // often has no full stop), a spaced dash or any other sign ends a phrase.
                    switch byte {
                    case 0x20, 0x09, 0x0C, 0x27: break
                    case 0x2D where i > 0 && i + 1 < bytes.count && Self.isWordByte(bytes[i - 1]) && Self.isWordByte(bytes[i + 1]):
                        break
                    case 0x2C, 0x26, 0x2F: if mark == .none { mark = .list }
                    default: mark = .other
                    }
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
            let latin = value < 0x100 ? latin1[Int(value) - 0x80] : nil  // à, é, ñ…: decided once for all pages
            if latin?.isWord ?? (scalar.properties.isAlphabetic || scalar.properties.numericType != nil) {
                if count == wordStart { start = offset }
                let folded = latin?.folded ?? Array(Folding.fold(scalar).utf8)
                // Room for this fold and for the rest of the text written byte for byte.
                let needed = count + folded.count + (bytes.count - i - length)
                if needed > out.count {
                    let bigger = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: needed * 2)
                    _ = bigger.initialize(fromContentsOf: out[0..<count])
                    out.deallocate()
                    out = bigger
                }
                for unit in folded {
                    out[count] = unit
                    count += 1
                }
            } else {
                close()
                // No-break and other spaces, and the typographic apostrophe, join words.
                switch value {
                case 0xA0, 0x2000...0x200B, 0x202F, 0x205F, 0x3000, 0x2019: break
                default: mark = .other
                }
            }
            offset += value > 0xFFFF ? 2 : 1
            i += length
        }
        close()
        words.folded = Array(out[0..<count])
        return words
    }
}

/// Skills a page names, as skill ids of the vocabulary.
struct SkillMentions {
    let vocabulary: SkillVocabulary

    func claims(in index: TextIndex) -> [Claim] {
        // A privacy, cookie or legal page names services to say what data they need
        // ("the billing address"), laws ("Ley de Comercio Electrónico") and the site's makers.
        guard !Self.isLegalPage(index.url) else { return [] }
        let serviceVerbs = vocabulary.services.mainVerbWords
        return index.withUTF16 { units in
            vocabulary.mentions(in: index.string) { range in
                !Self.isInAddress(range, of: units) && !Self.isSiteCredit(range, of: units)
                    && !Self.isDeclined(range, of: units, serviceVerbs: serviceVerbs)
                    && !Self.isSubscribedTo(range, of: units) && !Self.namesAField(range, of: units)
            }
        }
        .map { index.claim(.skill, .text($0.id), at: $0.range) }
    }

    /// Whether a page's URL names a legal page: its last path segment is made of the words of
    /// one ("/privacy-policy", "/politica-de-cookies", "/aviso-legal", "/terminos-y-condiciones.html").
    static func isLegalPage(_ url: String) -> Bool {
        guard let path = URLParts(url)?.path.lowercased() else { return false }
        let segments = path.split(separator: "/").filter { !$0.isEmpty }
        guard let last = segments.last else { return false }
        let name = last.split(separator: ".").first ?? last
        let words = name.split { $0 == "-" || $0 == "_" }.map { String($0).folding(options: .diacriticInsensitive, locale: nil) }
        // "/legal" is the site's legal notice; "/servicios/legal" a VA's legal services.
        if words == ["legal"] { return segments.count == 1 }
        return !words.isEmpty && words.allSatisfy(legalPageWords.contains) && words.contains(where: legalPageKeys.contains)
    }
    private static let legalPageKeys: Set<String> = [
        "privacy", "privacidad", "cookie", "cookies", "legal", "terms", "terminos", "condiciones", "impressum", "imprint", "gdpr", "rgpd",
        "datos", "disclaimer",
    ]
    private static let legalPageWords = legalPageKeys.union([
        "policy", "notice", "statement", "and", "of", "the", "service", "use", "conditions", "politica", "aviso", "y", "de", "la", "uso",
        "generales", "proteccion", "data", "protection", "legales", "nota",
    ])

    /// Whether the VA says they do not do what the mention names: in its clause, the nearest
    /// verb of doing or offering before it (at most eight words back, no new subject between)
    /// is negated: "I don't / we do not" or "no" ("I don't send newsletters", "No hago
    /// contabilidad ni nóminas"). A negation addressed to the client ("Don't let bookkeeping
    /// pile up"), one that adds ("I don't just do bookkeeping", "No solo llevo la contabilidad")
    /// or one a later verb leaves behind ("I don't do payroll, I focus on inbox management",
    /// "No hago nóminas, hago redes sociales") declines nothing.
    ///
    /// The verbs are those below and the vocabulary's verbs of service (`serviceVerbs`: "I
    /// don't book your travel", "No atiendo tus llamadas"), which are negated either way.
    static func isDeclined(_ range: NSRange, of units: UnsafeBufferPointer<UInt16>, serviceVerbs: Set<String> = []) -> Bool {
        let start = clauseStart(before: range, in: units, within: 100)
        guard start < range.location, Self.mayNegate(UnsafeBufferPointer(rebasing: units[start..<range.location])) else { return false }
        let words = TextIndex.lowerWords(String(decoding: UnsafeBufferPointer(rebasing: units[start..<range.location]), as: UTF16.self))
        for (k, word) in words.enumerated().reversed() {
            guard words.count - k <= 9 else { break }
            if clauseBreaks.contains(word) || subjects.contains(word) { return false }
            let spanish = spanishVerbs.contains(word)
            let english = englishVerbs.contains(word)
            guard spanish || english || serviceVerbs.contains(word) else { continue }
            // The nearest verb decides. The word after it does not add ("just", "solo"); the
            // words before it negate it.
            guard k >= 1, k + 1 == words.count || !addingWords.contains(words[k + 1]) else { return false }
            let before = words[max(0, k - 3)..<k]
            // "no hago", "no me dedico", "no lo hago".
            let spanishNegation = (before.count >= 2 && clitics.contains(before.last!) ? before.dropLast().last : before.last) == "no"
            // "i don't", "we do not", "i'm not", "we no longer".
            let englishNegation = englishNegations.contains(where: before.joined(separator: " ").hasSuffix)
            return spanish ? spanishNegation : english ? englishNegation : spanishNegation || englishNegation
        }
        return false
    }
    /// Whether the mention names what a reader subscribes to: a verb of subscribing before it
    /// in its clause, with only small words between ("Subscribe to my newsletter", "Sign up
    /// for the monthly newsletter", "Suscríbete a nuestros boletines"), when that is something to
    /// read (`isReading`); "sign up new clients with email newsletters" offers a service.
    static func isSubscribedTo(_ range: NSRange, of units: UnsafeBufferPointer<UInt16>) -> Bool {
        let clause = UnsafeBufferPointer(rebasing: units[clauseStart(before: range, in: units, within: 80)..<range.location])
        // Every subscribing word holds one of these (most clauses hold none, and are not made strings).
        guard ["scri", "suscr", "sign", "join", "ntate", "nete"].contains(where: { Self.holds(clause, $0) }) else { return false }
        let words = TextIndex.lowerWords(String(decoding: clause, as: UTF16.self))
        for k in words.indices.reversed() {
            let word = words[k]
            // "sign" subscribes when "up" follows it ("sign up for…").
            if subscribing.contains(word) || (word == "sign" && k + 1 < words.count && words[k + 1] == "up") {
                return isReading(range, of: units)
            }
            guard subscriptionFillers.contains(word) else { return false }
        }
        return false
    }

    /// Whether what is subscribed to is something to read: the mention names a newsletter
    /// ("newsletter", "boletines") or the word after it does ("bookkeeping tips", "consejos de
    /// …" are read; "Sign up for social media management", "our monthly bookkeeping plan" are services).
    private static func isReading(_ range: NSRange, of units: UnsafeBufferPointer<UInt16>) -> Bool {
        let mention = UnsafeBufferPointer(rebasing: units[range.location..<range.location + range.length])
        if holds(mention, "newsletter") || holds(mention, "bolet") { return true }
        var start = range.location + range.length
        while start < units.count, units[start] == 0x20 { start += 1 }
        var end = start
        while end < units.count, end - start < 20, !Self.endsClause(units[end]), units[end] != 0x20, units[end] != 0x2C { end += 1 }
        let next = String(decoding: UnsafeBufferPointer(rebasing: units[start..<end]), as: UTF16.self).lowercased()
        return readingWords.contains(next)
    }
    private static let readingWords: Set<String> = [
        "tips", "tricks", "list", "updates", "emails", "newsletter", "newsletters", "digest", "consejos", "trucos", "novedades", "boletín",
        "boletin", "boletines",
    ]
    private static let subscribing: Set<String> = [
        "subscribe", "signup", "join", "suscríbete", "suscribete", "suscríbase", "suscribase", "suscribirte", "suscribirse",
        "suscríbanse", "apúntate", "apuntate", "únete", "unete",
    ]
    private static let subscriptionFillers: Set<String> = [
        "to", "for", "up", "my", "our", "the", "a", "an", "al", "mi", "mis", "nuestro", "nuestra", "nuestros", "nuestras", "free", "monthly", "weekly", "mensual",
        "semanal", "gratis", "gratuito", "gratuita", "de", "la", "el", "now", "today", "ya", "hoy",
    ]

    /// Whether the mention is the field of a degree named right before it ("Máster Gestión
    /// Administrativa", "Tecnóloga en Gestión Administrativa", "Bachelor of Science in
    /// Accounting"): what the VA studied is an education claim, not a skill they offer.
    static func namesAField(_ range: NSRange, of units: UnsafeBufferPointer<UInt16>) -> Bool {
        // Word by word back from the mention (each made a string only when reached: most
        // mentions follow a word that is neither a degree nor a filler, and stop there).
        // Words hold apostrophes ("bachelor's"), as `TextIndex.lowerWords` reads them.
        func isLetter(_ unit: UInt16) -> Bool { isLatinLetter(unit) || unit == 0x27 || unit == 0x2019 }
        var end = range.location
        var after: String?  // the word read before this one: the one after it in the text
        for _ in 0..<5 {
            // Back over what separates words, stopping at the clause's end.
            while end > 0, !isLetter(units[end - 1]) {
                if Self.endsClause(units[end - 1]) { return false }
                end -= 1
            }
            var start = end
            while start > 0, range.location - start <= 60, isLetter(units[start - 1]) { start -= 1 }
            // Nothing within 60 units, or a word that goes on past them.
            guard start < end, range.location - start <= 60, start == 0 || !isLetter(units[start - 1]) else { return false }
            var word = String(decoding: UnsafeBufferPointer(rebasing: units[start..<end]), as: UTF16.self).lowercased()
            if word.unicodeScalars.contains("\u{2019}") { word = String(word.map { $0 == "’" ? "'" : $0 }) }
            if degreeWords.contains(word) { return true }
            // "degree", "master", "BA"… name a degree when "in"/"en" follows ("BA in Accounting";
            // not "a high degree of customer service", "a master of Excel", "no BS bookkeeping").
            if degreeWordsBeforeIn.contains(word) { return after == "in" || after == "en" }
            guard fieldFillers.contains(word) else { return false }
            after = word
            end = start
        }
        return false
    }
    private static let degreeWords: Set<String> = [
        "máster", "master's", "maestría", "maestria", "grado", "graduada", "graduado", "licenciatura", "licenciada", "licenciado",
        "diplomatura", "bachelor", "bachelor's", "bsc", "msc", "mba", "tecnóloga", "tecnologa", "tecnólogo", "tecnologo", "tsu",
        "doctorado", "phd", "associate's", "ingeniería", "ingenieria",
    ]
    private static let degreeWordsBeforeIn: Set<String> = ["master", "masters", "bachelors", "degree", "ba", "bs", "ma", "major"]
    private static let fieldFillers: Set<String> = [
        "en", "in", "of", "de", "del", "science", "arts", "oficial", "universitario", "universitaria", "superior", "s",
        "ciencias", "artes", "a", "an", "the",
    ]

    /// Whether UTF-16 text holds an ASCII needle (lower case), ignoring ASCII case.
    private static func holds(_ units: UnsafeBufferPointer<UInt16>, _ needle: StaticString) -> Bool {
        let n = needle.utf8CodeUnitCount
        let bytes = needle.utf8Start
        guard units.count >= n else { return false }
        for i in 0...(units.count - n) {
            var j = 0
            while j < n, Self.lowered(units[i + j]) == UInt16(bytes[j]) { j += 1 }
            if j == n { return true }
        }
        return false
    }

    /// A subject after a negation starts a clause of its own ("I don't do payroll, I focus on…").
    private static let subjects: Set<String> = ["i", "we", "i'm", "we're", "i'll", "we'll"]
    private static let clitics: Set<String> = ["me", "nos", "lo", "la", "los", "las"]

    /// Whether a clause holds the word "no" or "not", or a word ending "n't" or "nt" ("dont"):
    /// every negation `isDeclined` reads holds one. Most clauses have none, and are not made strings.
    static func mayNegate(_ units: UnsafeBufferPointer<UInt16>) -> Bool {
        func isLetter(_ i: Int) -> Bool { i >= 0 && i < units.count && isLatinLetter(units[i]) }
        func lower(_ i: Int) -> UInt16 { i < units.count ? units[i] | 0x20 : 0 }  // ASCII letters in lower case
        for i in units.indices where lower(i) == 0x6E {
            let next = units.indices.contains(i + 1) ? units[i + 1] : 0
            if !isLetter(i - 1) && (next | 0x20) == 0x6F && (!isLetter(i + 2) || (lower(i + 2) == 0x74 && !isLetter(i + 3))) {
                return true  // "no", "not"
            }
            if (next == 0x27 || next == 0x2019) && lower(i + 2) == 0x74 { return true }  // "n't"
            if (next | 0x20) == 0x74 && !isLetter(i + 2) && isLetter(i - 1) { return true }  // "dont", "wont"
        }
        return false
    }
    /// ASCII and Latin letters ("ñ", "á"…, not "×" or "÷"); quotation marks and other signs are none.
    static func isLatinLetter(_ unit: UInt16) -> Bool {
        (0x41...0x5A).contains(unit) || (0x61...0x7A).contains(unit) || ((0xC0...0x24F).contains(unit) && unit != 0xD7 && unit != 0xF7)
    }

    /// Where the mention's clause starts: back to a sentence or list mark, at most `limit` units.
    private static func clauseStart(before range: NSRange, in units: UnsafeBufferPointer<UInt16>, within limit: Int) -> Int {
        var start = range.location
        while start > 0, range.location - start < limit, !endsClause(units[start - 1]) { start -= 1 }
        return start
    }

    /// A sentence or list mark: ".!?;:", a newline, "•·|", a dash "—–", a parenthesis.
    private static func endsClause(_ unit: UInt16) -> Bool {
        switch unit {
        case 0x2E, 0x21, 0x3F, 0x3B, 0x3A, 0x0A, 0x2022, 0xB7, 0x7C, 0x2014, 0x2013, 0x28, 0x29: return true
        default: return false
        }
    }
    private static let clauseBreaks: Set<String> = ["but", "however", "instead", "though", "pero", "sino", "aunque", "sin", "embargo"]
    private static let addingWords: Set<String> = ["just", "only", "simply", "merely", "solo", "sólo", "solamente", "únicamente"]
    static let englishNegations = [
        "i don't", "i dont", "i do not", "we don't", "we dont", "we do not", "i'm not", "i am not", "we're not", "we are not",
        "i no longer", "we no longer", "i won't", "we won't", "i will not", "we will not",
    ]
    private static let spanishVerbs: Set<String> = [
        "hago", "hacemos", "ofrezco", "ofrecemos", "realizo", "realizamos", "llevo", "llevamos", "gestiono", "gestionamos", "trabajo",
        "trabajamos", "presto", "prestamos", "acepto", "aceptamos", "doy", "damos", "envío", "envio", "enviamos", "cubro", "cubrimos",
        "encargo", "dedico",
    ]
    private static let englishVerbs: Set<String> = [
        "do", "offer", "provide", "handle", "send", "manage", "take", "accept", "cover", "work", "support", "write", "sell", "doing",
        "offering", "providing", "handling", "a",
    ]

    /// Whether the mention is part of an e-mail address or a URL ("ana@gmail.com",
    /// "https://wix.com/…"): the run of text around it without white space (up to 200
    /// UTF-16 units either side) holds "@" or "://".
    static func isInAddress(_ range: NSRange, of units: UnsafeBufferPointer<UInt16>) -> Bool {
        func isSpace(_ unit: UInt16) -> Bool { unit == 0x20 || unit == 0x0A || unit == 0x09 || unit == 0xA0 }
        var start = range.location
        while start > 0, !isSpace(units[start - 1]), range.location - start < 200 { start -= 1 }
        var end = range.location + range.length
        while end < units.count, !isSpace(units[end]), end - range.location < 200 { end += 1 }
        for i in start..<end {
            if units[i] == 0x40 { return true }  // "@"
            if units[i] == 0x3A, i + 2 < end, units[i + 1] == 0x2F, units[i + 2] == 0x2F { return true }  // "://"
        }
        return false
    }

    /// Whether the mention names the tool a site is made with, in its credit line
    /// ("Powered and secured by Wix", "Funciona gracias a WordPress"): the site builder's
    /// words, not the VA's skill. The 32 UTF-16 units before the mention, a space at their end
    /// aside, end with a credit phrase (ASCII and Latin-1 letters in any case).
    static func isSiteCredit(_ range: NSRange, of units: UnsafeBufferPointer<UInt16>) -> Bool {
        let from = max(0, range.location - 32)
        var end = range.location
        if end > from && units[end - 1] == 0x20 { end -= 1 }
        return creditWords.contains { word in
            guard end - from >= word.count else { return false }
            return zip(units[(end - word.count)..<end], word).allSatisfy { Self.lowered($0) == $1 }
        }
    }

    /// A UTF-16 unit in lower case, for ASCII and Latin-1 letters.
    private static func lowered(_ unit: UInt16) -> UInt16 {
        (0x41...0x5A).contains(unit) || ((0xC0...0xDE).contains(unit) && unit != 0xD7) ? unit + 0x20 : unit
    }

    private static let creditWords: [[UInt16]] = [
        "powered by", "powered and secured by", "funciona gracias a", "con la tecnología de", "con tecnología de", "sitio creado con",
        "site created with", "website created with", "proudly created with",
    ].map { Array($0.utf16) }
}
