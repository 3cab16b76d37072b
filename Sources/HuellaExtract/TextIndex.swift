import Foundation
import HuellaCore

/// A page's visible text as one string, with the block each part came from, so pattern
/// extractors run each regex once per page and still say where a match was.
struct TextIndex {
    let blocks: [TextBlock]
    /// The blocks joined with newlines.
    let text: NSString
    /// UTF-16 offset where each block starts in `text`.
    private let starts: [Int]
    let url: String
    let origin: ClaimOrigin
    /// Blocks that quote someone else (testimonials and their attributions): what a client
    /// says is not a claim the VA makes.
    let quoted: Set<Int>
    /// Each block's UTF-8 bytes in lower case, for the cheap keyword test that decides where regexes run.
    private let lowered: [[UInt8]]

    init(blocks: [TextBlock], url: String, origin: ClaimOrigin) {
        self.blocks = blocks
        self.url = url
        self.origin = origin
        quoted = Self.quotedBlocks(blocks)
        lowered = blocks.map { Array($0.text.lowercased().utf8) }
        var starts: [Int] = []
        var offset = 0
        for block in blocks {
            starts.append(offset)
            offset += (block.text as NSString).length + 1
        }
        self.starts = starts
        text = blocks.map(\.text).joined(separator: "\n") as NSString
    }

    var fullRange: NSRange { NSRange(location: 0, length: text.length) }

    /// The index of the block holding a UTF-16 offset.
    func blockIndex(at offset: Int) -> Int {
        var low = 0
        var high = starts.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if starts[mid] <= offset { low = mid } else { high = mid - 1 }
        }
        return max(0, low)
    }

    func locator(at offset: Int) -> String {
        blocks.isEmpty ? "" : blocks[blockIndex(at: offset)].locator
    }

    func substring(_ range: NSRange) -> String {
        range.location == NSNotFound ? "" : text.substring(with: range)
    }

    /// All matches of a pattern, outside quotations unless asked. With `keywords`, the regex
    /// runs only on blocks that contain one of them (lower case): a cheap substring test keeps
    /// a page of thousands of paragraphs from costing a regex scan per pattern per paragraph.
    func matches(_ pattern: NSRegularExpression?, keywords: [String]? = nil, includingQuotes: Bool = false)
        -> [NSTextCheckingResult]
    {
        let needles = keywords?.map { Array($0.utf8) }
        return matches(pattern, when: needles.map { words in { lower in words.contains { Self.contains(lower, $0) } } }, includingQuotes: includingQuotes)
    }

    /// All matches of a pattern in the blocks whose lower-case bytes pass `when`. The regex
    /// runs on each chosen block on its own (a short string), and the ranges are moved to
    /// the whole text's coordinates.
    func matches(_ pattern: NSRegularExpression?, when: (([UInt8]) -> Bool)?, includingQuotes: Bool = false) -> [NSTextCheckingResult] {
        guard let pattern else { return [] }
        var results: [NSTextCheckingResult] = []
        for (i, block) in blocks.enumerated() where includingQuotes || !quoted.contains(i) {
            if let when, !when(lowered[i]) { continue }
            let length = starts.indices.contains(i + 1) ? starts[i + 1] - starts[i] - 1 : text.length - starts[i]
            for match in pattern.matches(in: block.text, range: NSRange(location: 0, length: length)) {
                results.append(match.adjustingRanges(offset: starts[i]))
            }
        }
        return results
    }

    /// Byte substring search: far cheaper than `String.contains`, which goes through Foundation.
    static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard let first = needle.first else { return true }
        guard haystack.count >= needle.count else { return false }
        return haystack.withUnsafeBufferPointer { h in
            needle.withUnsafeBufferPointer { n in
                var i = 0
                let last = h.count - n.count
                while i <= last {
                    if h[i] == first {
                        var j = 1
                        while j < n.count && h[i + j] == n[j] { j += 1 }
                        if j == n.count { return true }
                    }
                    i += 1
                }
                return false
            }
        }
    }

    static let quoteMarks: Set<Character> = ["\"", "“", "«", "‘", "„", "'"]

    /// A block is quoted when it sits in a `blockquote` or opens with a quotation mark and
    /// is long enough to be a testimonial; the short line after it (the attribution) too.
    static func quotedBlocks(_ blocks: [TextBlock]) -> Set<Int> {
        var quoted: Set<Int> = []
        for (i, block) in blocks.enumerated() {
            let inQuote = block.quoted
            let opensQuote = block.text.first.map { quoteMarks.contains($0) } ?? false
            guard inQuote || (opensQuote && block.text.count >= 40) else { continue }
            quoted.insert(i)
            if i + 1 < blocks.count, !blocks[i + 1].quoted {
                let next = blocks[i + 1].text
                let dash = next.hasPrefix("-") || next.hasPrefix("—") || next.hasPrefix("–")
                if dash || (next.count <= 90 && !(next.first.map { quoteMarks.contains($0) } ?? false)) { quoted.insert(i + 1) }
            }
        }
        return quoted
    }

    /// A claim located at a match.
    func claim(_ kind: ClaimKind, _ value: ClaimValue, at range: NSRange) -> Claim {
        Claim(
            kind: kind, value: value, origin: origin, url: url, excerpt: Excerpt.around(range, in: text),
            locator: locator(at: range.location))
    }

    /// The text of the block at `index`, or "" outside the page.
    func blockText(_ index: Int) -> String {
        blocks.indices.contains(index) ? blocks[index].text : ""
    }
}

/// Readable excerpts: the words around a match, cut at word boundaries, never across blocks.
enum Excerpt {
    static let radius = 80

    static func around(_ range: NSRange, in text: NSString) -> String {
        var start = max(0, range.location - radius)
        var end = min(text.length, range.location + range.length + radius)
        // Stay inside the match's own line (block).
        let before = text.range(of: "\n", options: .backwards, range: NSRange(location: start, length: range.location - start))
        if before.location != NSNotFound { start = before.location + 1 }
        let afterStart = range.location + range.length
        let after = text.range(of: "\n", range: NSRange(location: afterStart, length: end - afterStart))
        if after.location != NSNotFound { end = after.location }
        var excerpt = text.substring(with: NSRange(location: start, length: end - start))
        if start > 0 && before.location == NSNotFound, let space = excerpt.firstIndex(of: " ") {
            excerpt = "…" + excerpt[excerpt.index(after: space)...]
        }
        if end < text.length && after.location == NSNotFound, let space = excerpt.lastIndex(of: " ") {
            excerpt = excerpt[..<space] + "…"
        }
        return excerpt.trimmingCharacters(in: .whitespaces)
    }
}

/// Shared helpers for building regular expressions.
enum Patterns {
    /// Compiles a case-insensitive pattern. The patterns are constants: a nil here is a bug,
    /// which the tests of every pattern catch (a nil pattern matches nothing).
    static func compile(_ pattern: String, caseSensitive: Bool = false) -> NSRegularExpression? {
        let options: NSRegularExpression.Options = caseSensitive ? [] : [.caseInsensitive]
        let regex = try? NSRegularExpression(pattern: pattern, options: options)
        assert(regex != nil, "bad pattern: \(pattern)")
        return regex
    }

    static let numberWords: [String: Int] = [
        "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
        "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
        "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "twenty-five": 25, "thirty": 30,
        "un": 1, "uno": 1, "una": 1, "dos": 2, "tres": 3, "cuatro": 4, "cinco": 5, "seis": 6, "siete": 7,
        "ocho": 8, "nueve": 9, "diez": 10, "once": 11, "doce": 12, "trece": 13, "catorce": 14, "quince": 15,
        "dieciseis": 16, "dieciséis": 16, "diecisiete": 17, "dieciocho": 18, "diecinueve": 19, "veinte": 20,
        "veinticinco": 25, "treinta": 30,
    ]

    /// Alternation of the number words, longest first.
    static let numberWordAlternation: String = numberWords.keys.sorted { $0.count > $1.count }.joined(separator: "|")

    static func number(_ text: String) -> Int? {
        Int(text) ?? numberWords[text.lowercased()]
    }

    /// The current year, for plausibility checks of stated years.
    static var currentYear: Int { Calendar(identifier: .gregorian).component(.year, from: Date()) }
}
