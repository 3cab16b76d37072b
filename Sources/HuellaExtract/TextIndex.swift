import Foundation
import HuellaCore

/// A page's visible text as one string, with the block each part came from, so pattern
/// extractors run each regex once per page and still say where a match was.
struct TextIndex {
    let blocks: [TextBlock]
    /// The blocks joined with newlines.
    let text: NSString
    /// The same text as a Swift string.
    let string: String
    /// UTF-16 offset where each block starts in `text`.
    private let starts: [Int]
    let url: String
    let origin: ClaimOrigin
    /// Blocks that quote someone else (testimonials and their attributions): what a client
    /// says is not a claim the VA makes.
    let quoted: Set<Int>
    /// The attribution lines among them ("— Fiona Marsden, Managing Director"): who said a
    /// quotation, not what was said.
    let attributions: Set<Int>
    /// The text's UTF-8 bytes in lower case (ASCII and Latin-1 letters), for the cheap
    /// keyword test that decides where regexes run, and the byte offset of each block in it.
    private let lowered: [UInt8]
    private let byteStarts: [Int]
    /// Blocks whose own text has line breaks (text that does not come from a page may).
    private let multiline: Set<Int>
    /// `text` as UTF-16 units, what the regex engine reads, and a matcher per pattern used.
    private let utf16: ContiguousArray<UInt16>
    private let matchers = Matchers()

    init(blocks: [TextBlock], url: String, origin: ClaimOrigin) {
        self.blocks = blocks
        self.url = url
        self.origin = origin
        (quoted, attributions) = Self.quotedBlocks(blocks)
        // The blocks' bytes joined with newlines, copied block by block: the page's text.
        var bytes: [UInt8] = []
        bytes.reserveCapacity(blocks.reduce(blocks.count) { $0 + $1.text.utf8.count })
        var byteStarts: [Int] = []
        byteStarts.reserveCapacity(blocks.count)
        var multiline: Set<Int> = []
        for (i, block) in blocks.enumerated() {
            if i > 0 { bytes.append(0x0A) }
            byteStarts.append(bytes.count)
            var text = block.text
            text.withUTF8 { utf8 in
                if utf8.contains(0x0A) { multiline.insert(i) }
                bytes.append(contentsOf: utf8)
            }
        }
        self.multiline = multiline
        self.byteStarts = byteStarts
        string = String(decoding: bytes, as: UTF8.self)
        text = string as NSString
        // The same bytes lowered, with a newline after the last block too: a block's byte start
        // there is its byte start in `string`, and the transcoding notes where each begins in
        // UTF-16.
        (utf16, starts) = bytes.withUnsafeBufferPointer { Self.utf16(of: $0, marking: byteStarts) }
        if !blocks.isEmpty { bytes.append(0x0A) }
        bytes.withUnsafeMutableBufferPointer { Self.lower($0, from: 0) }
        lowered = bytes
    }

    /// A string's UTF-16 code units, transcoded from its UTF-8 bytes in one loop (the
    /// `utf16` view walks scalar by scalar through index arithmetic, several times slower),
    /// and the UTF-16 offset of each of the given (ascending) byte offsets.
    static func utf16(of string: String, marking marks: [Int] = []) -> (units: ContiguousArray<UInt16>, marks: [Int]) {
        var string = string
        return string.withUTF8 { utf16(of: $0, marking: marks) }
    }

    /// The same, from valid UTF-8 bytes: each stretch between two marks in a loop of its own.
    static func utf16(of bytes: UnsafeBufferPointer<UInt8>, marking marks: [Int]) -> (units: ContiguousArray<UInt16>, marks: [Int]) {
        // Nothing to transcode, and not through `unsafeUninitializedCapacity`: for a capacity of
        // 0 it writes its count into the one empty-array storage every thread shares (two
        // threads reading pages without text raced there; ThreadSanitizer saw it).
        guard !bytes.isEmpty else { return ([], Array(repeating: 0, count: marks.count)) }
        var marked: [Int] = []
        marked.reserveCapacity(marks.count)
        // Written in place: a string has at most one UTF-16 unit per UTF-8 byte.
        let units = ContiguousArray<UInt16>(unsafeUninitializedCapacity: bytes.count) { out, count in
            var n = 0
            var i = 0
            for next in 0...marks.count {
                let end = next < marks.count ? min(marks[next], bytes.count) : bytes.count
                while i < end {
                    let lead = UInt32(bytes[i])
                    if lead < 0x80 {
                        out[n] = UInt16(lead)
                        n += 1
                        i += 1
                        continue
                    }
                    let scalar: UInt32
                    if lead < 0xE0 {
                        scalar = (lead & 0x1F) << 6 | UInt32(bytes[i + 1] & 0x3F)
                        i += 2
                    } else if lead < 0xF0 {
                        scalar = (lead & 0x0F) << 12 | UInt32(bytes[i + 1] & 0x3F) << 6 | UInt32(bytes[i + 2] & 0x3F)
                        i += 3
                    } else {
                        scalar = (lead & 0x07) << 18 | UInt32(bytes[i + 1] & 0x3F) << 12 | UInt32(bytes[i + 2] & 0x3F) << 6 | UInt32(bytes[i + 3] & 0x3F)
                        i += 4
                    }
                    if scalar < 0x10000 {
                        out[n] = UInt16(scalar)
                        n += 1
                    } else {
                        out[n] = UInt16(0xD800 + ((scalar - 0x10000) >> 10))
                        out[n + 1] = UInt16(0xDC00 + ((scalar - 0x10000) & 0x3FF))
                        n += 2
                    }
                }
                if next < marks.count { marked.append(n) }
            }
            count = n
        }
        return (units, marked)
    }

    /// One ICU matcher per pattern for this page, given back for other pages when it is done.
    private final class Matchers {
        /// By the pattern's identity; the pattern is kept, so its identifier stays its own.
        var byPattern: [ObjectIdentifier: (pattern: NSRegularExpression, matcher: ICURegex.Matcher?)] = [:]

        deinit {
            for (_, entry) in byPattern { entry.matcher.map(ICURegex.giveBack) }
        }
    }

    /// Appends the matches of a pattern in a region of one block (UTF-16, from the block's
    /// start), in the whole text's coordinates. The engine reads the block where it lies in
    /// the page's UTF-16 text: nothing is copied. A `window` region sees the rest of its block
    /// as context; a whole block sees only itself, as a scan of the block's own string would.
    private func appendMatches(
        _ pattern: NSRegularExpression, block: Int, region: NSRange, window: Bool, startsBy: Int? = nil, firstOnly: Bool = false,
        to results: inout [TextMatch]
    ) {
        let id = ObjectIdentifier(pattern)
        let matcher: ICURegex.Matcher?
        if let known = matchers.byPattern[id] {
            matcher = known.matcher
        } else {
            matcher = ICURegex.matcher(for: pattern)
            matchers.byPattern[id] = (pattern, matcher)
        }
        guard let matcher else { return }
        utf16.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            matcher.matches(
                in: base + starts[block], count: utf16Length(ofBlock: block), region: region, window: window, startsBy: startsBy,
                offset: starts[block], firstOnly: firstOnly, into: &results)
        }
    }

    /// The matches of a pattern in one block's text, as a scan of `blockText(block)` finds them,
    /// or in a part of it (`part`, in the whole text's coordinates), which the pattern then sees
    /// as it would see a string of its own: `^` and `$` at its ends, nothing beyond them. Ranges
    /// are in the whole text; none outside the page.
    func matches(_ pattern: NSRegularExpression?, inBlock block: Int, part: NSRange? = nil, firstOnly: Bool = false) -> [TextMatch] {
        guard let pattern, blocks.indices.contains(block) else { return [] }
        let whole = NSRange(location: 0, length: utf16Length(ofBlock: block))
        let region = part.map { NSRange(location: $0.location - starts[block], length: $0.length) } ?? whole
        guard region.location >= 0, region.location + region.length <= whole.length else { return [] }
        var results: [TextMatch] = []
        appendMatches(pattern, block: block, region: region, window: false, firstOnly: firstOnly, to: &results)
        return results
    }

    /// The first match of `matches(_:inBlock:part:)`.
    func firstMatch(_ pattern: NSRegularExpression?, inBlock block: Int, part: NSRange? = nil) -> TextMatch? {
        matches(pattern, inBlock: block, part: part, firstOnly: true).first
    }

    /// Lower-cases ASCII and the Latin-1 capitals (À–Þ) of UTF-8 bytes: enough for the
    /// English and Spanish keywords, without Unicode case mapping per block.
    private static func appendLowered(_ bytes: String.UTF8View, to out: inout [UInt8]) {
        let done: Void? = bytes.withContiguousStorageIfAvailable { appendLowered($0, to: &out) }
        if done == nil {
            let copy = Array(bytes)
            copy.withUnsafeBufferPointer { appendLowered($0, to: &out) }
        }
    }

    private static func appendLowered(_ bytes: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        let start = out.count
        out.append(contentsOf: bytes)
        out.withUnsafeMutableBufferPointer { lower($0, from: start) }
    }

    /// Lowers the bytes from `start` on, in place.
    private static func lower(_ buffer: UnsafeMutableBufferPointer<UInt8>, from start: Int) {
        asciiLower.withUnsafeBufferPointer { lower in
            var afterC3 = false
            for i in start..<buffer.count {
                let byte = buffer[i]
                if byte < 0x80 {
                    buffer[i] = lower[Int(byte)]
                    afterC3 = false
                } else {
                    if afterC3 && byte <= 0x9E && byte != 0x97 { buffer[i] = byte + 0x20 }
                    afterC3 = byte == 0xC3
                }
            }
        }
    }

    private static let asciiLower: [UInt8] = (0..<128).map { $0 >= 0x41 && $0 <= 0x5A ? UInt8($0) | 0x20 : UInt8($0) }

    /// The text's length in UTF-16 units (`text.length` counts them again on every call).
    var length: Int { utf16.count }

    var fullRange: NSRange { NSRange(location: 0, length: length) }

    /// The index of the block holding a UTF-16 offset.
    func blockIndex(at offset: Int) -> Int {
        Self.lastIndex(in: starts, notAfter: offset)
    }

    /// The last index of a sorted array whose value is at most `value` (0 when none is).
    private static func lastIndex(in sorted: [Int], notAfter value: Int) -> Int {
        var low = 0
        var high = sorted.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if sorted[mid] <= value { low = mid } else { high = mid - 1 }
        }
        return max(0, low)
    }

    /// The UTF-16 range of the block holding an offset, when the block is one line of text.
    func lineRange(at offset: Int) -> NSRange? {
        guard !blocks.isEmpty else { return nil }
        let i = blockIndex(at: offset)
        guard !multiline.contains(i) else { return nil }
        return NSRange(location: starts[i], length: utf16Length(ofBlock: i))
    }

    /// Calls `body` with the page's text as UTF-16 units, the coordinates of every range here.
    func withUTF16<R>(_ body: (UnsafeBufferPointer<UInt16>) -> R) -> R {
        utf16.withUnsafeBufferPointer(body)
    }

    /// Where the block holding an offset starts (UTF-16).
    func blockStart(at offset: Int) -> Int {
        blocks.isEmpty ? 0 : starts[blockIndex(at: offset)]
    }

    /// Where the block holding an offset ends (UTF-16).
    func blockEnd(at offset: Int) -> Int {
        guard !blocks.isEmpty else { return length }
        let i = blockIndex(at: offset)
        return starts[i] + utf16Length(ofBlock: i)
    }

    func locator(at offset: Int) -> String {
        blocks.isEmpty ? "" : blocks[blockIndex(at: offset)].locator
    }

    /// The text in a UTF-16 range. A range inside one block is cut from the block's own
    /// string, which keeps its UTF-8 bytes (the page-wide `NSString` would rebuild them
    /// from UTF-16); on an ASCII block the offsets are the bytes' own. A range across blocks
    /// is decoded from the page's units.
    func substring(_ range: NSRange) -> String {
        guard range.location != NSNotFound else { return "" }
        if !blocks.isEmpty {
            let i = blockIndex(at: range.location)
            let local = range.location - starts[i]
            if local >= 0, local + range.length <= utf16Length(ofBlock: i) {
                let block = blocks[i].text
                if byteEnd(of: i) - byteStarts[i] == utf16Length(ofBlock: i) {
                    let utf8 = block.utf8
                    let from = utf8.index(utf8.startIndex, offsetBy: local)
                    return String(block[from..<utf8.index(from, offsetBy: range.length)])
                }
                let from = String.Index(utf16Offset: local, in: block)
                return String(block[from..<String.Index(utf16Offset: local + range.length, in: block)])
            }
        }
        return utf16.withUnsafeBufferPointer { units in
            String(decoding: UnsafeBufferPointer(rebasing: units[range.location..<range.location + range.length]), as: UTF16.self)
        }
    }

    /// All matches of a pattern, outside quotations unless asked. With `keywords`, the regex
    /// runs only on blocks that contain one of them (lower case): one byte search per keyword
    /// over the whole page keeps a page of thousands of paragraphs from costing a regex scan
    /// per pattern per paragraph.
    func matches(_ pattern: NSRegularExpression?, keywords: [String]? = nil, includingQuotes: Bool = false)
        -> [TextMatch]
    {
        guard let pattern else { return [] }
        guard let keywords else { return matches(pattern, in: blocks.indices, includingQuotes: includingQuotes) }
        return matches(pattern, in: blocksContaining(keywords), includingQuotes: includingQuotes)
    }

    /// The blocks whose lower-case bytes pass a test.
    func blocks(where test: (UnsafeBufferPointer<UInt8>) -> Bool) -> [Int] {
        lowered.withUnsafeBufferPointer { bytes in
            blocks.indices.filter { test(UnsafeBufferPointer(rebasing: bytes[byteStarts[$0]..<byteEnd(of: $0)])) }
        }
    }

    /// Whether a block's own text (its case kept) holds one of the needles: for patterns that
    /// match case-sensitively, whose keywords in lower case are found in many more blocks.
    func block(_ block: Int, holdsExactly needles: [[UInt16]]) -> Bool {
        utf16.withUnsafeBufferPointer { units in
            let text = units[starts[block]..<(starts[block] + utf16Length(ofBlock: block))]
            var at = text.startIndex
            while at < text.endIndex {
                for needle in needles where units[at] == needle[0] && at + needle.count <= text.endIndex {
                    if needle.indices.allSatisfy({ units[at + $0] == needle[$0] }) { return true }
                }
                at += 1
            }
            return false
        }
    }

    /// All matches of a pattern in the chosen blocks (in order).
    func matches(_ pattern: NSRegularExpression?, inBlocks chosen: [Int], includingQuotes: Bool = false) -> [TextMatch] {
        guard let pattern else { return [] }
        return matches(pattern, in: chosen, includingQuotes: includingQuotes)
    }

    /// A block's length in UTF-16 units (its text, without the newline that joins it to the next).
    private func utf16Length(ofBlock block: Int) -> Int {
        (block + 1 < starts.count ? starts[block + 1] - 1 : length) - starts[block]
    }

    private func byteEnd(of block: Int) -> Int {
        block + 1 < byteStarts.count ? byteStarts[block + 1] - 1 : lowered.count - 1
    }

    /// The blocks, in order, whose lower-case text contains one of the keywords.
    func blocksContaining(_ keywords: [String]) -> [Int] {
        var hit = [Bool](repeating: false, count: blocks.count)
        scan(for: keywords) { block, _, _ in
            hit[block] = true
            return byteEnd(of: block) + 1  // the rest of this block is decided
        }
        return hit.indices.filter { hit[$0] }
    }

    /// Calls `found` with each occurrence of each keyword in the lower-case text: its block,
    /// its byte offset in the text and its length; `found` answers where to look on from.
    private func scan(for keywords: [String], _ found: (_ block: Int, _ at: Int, _ length: Int) -> Int) {
        for keyword in keywords {
            let (length, offsets) = occurrences(of: keyword)
            var from = 0
            for at in offsets where at >= from {
                from = found(Self.lastIndex(in: byteStarts, notAfter: at), at, length)
            }
        }
    }

    /// Every byte offset where a keyword (lowered) starts in the lowered text, and its length
    /// in bytes; found once per page, as several extractors and patterns look for the same words.
    private func occurrences(of keyword: String) -> (length: Int, offsets: [Int]) {
        if !keywordHits.searchedAll {
            // Every keyword asked for on earlier pages, in one pass over the text.
            keywordHits.searchedAll = true
            let (automaton, ids) = KeywordAutomaton.current()
            keywordHits.all = lowered.withUnsafeBytes { automaton.occurrences(in: $0) }
            keywordHits.automaton = automaton
            keywordHits.ids = ids
        }
        // The automaton's keywords by the shared table of ids (not a table of this page's own).
        if let id = keywordHits.ids[keyword], let automaton = keywordHits.automaton { return (automaton.keywords[id].count, keywordHits.all[id]) }
        if let known = keywordHits.found[keyword] { return known }
        var needle: [UInt8] = []
        Self.appendLowered(keyword.utf8, to: &needle)
        var offsets: [Int] = []
        if !needle.isEmpty {
            lowered.withUnsafeBytes { haystack in
                guard let base = haystack.baseAddress else { return }
                var from = 0
                while from < haystack.count, let at = Self.find(needle, in: base + from, count: haystack.count - from).map({ $0 + from }) {
                    offsets.append(at)
                    from = at + 1
                }
            }
        }
        keywordHits.found[keyword] = (needle.count, offsets)
        keywordHits.unknown[keyword] = needle
        return (needle.count, offsets)
    }

    /// The keyword occurrences found so far on this page (a page is read by one task).
    private final class KeywordHits {
        /// Whether the shared automaton ran over the page.
        var searchedAll = false
        /// The automaton that ran, its keywords' ids, and what it found (by id).
        var automaton: KeywordAutomaton?
        var ids: [String: Int] = [:]
        var all: [[Int]] = []
        /// The occurrences of the keywords it did not know, searched for one by one.
        var found: [String: (length: Int, offsets: [Int])] = [:]
        /// Those keywords' bytes, for the automaton of the next pages.
        var unknown: [String: [UInt8]] = [:]
        /// Per block past ASCII, its UTF-16 offset at each byte (`utf16Offsets(ofBlock:)`).
        var utf16Tables: [Int: [Int]] = [:]

        deinit {
            // The next pages find them in the one pass.
            if !unknown.isEmpty { _ = KeywordAutomaton.current(adding: unknown) }
        }
    }

    private let keywordHits = KeywordHits()

    /// All matches of a pattern every match of which holds one of the keywords, starting at
    /// most `before` and ending at most `after` UTF-16 units away from it. The regex runs only
    /// on windows around the keywords, not on whole paragraphs: for a pattern that may start
    /// anywhere ("over ten years of experience"), that is most of its cost.
    ///
    /// The result is the whole-block scan's: every match lies inside one merged window, no match
    /// crosses a window's start, and the regex sees the rest of the block past a window's edges
    /// for `\b`, lookarounds and `$` (transparent, non-anchoring bounds). The bounds count
    /// on collapsed text (one space between words); a block of several lines (text that does
    /// not come from a page) is scanned whole.
    func matches(_ pattern: NSRegularExpression?, in window: KeywordWindow, includingQuotes: Bool = false) -> [TextMatch] {
        guard let pattern else { return [] }
        let allowed = window.also.map { Set(blocksContaining($0)) }
        if case .block = window.reach {
            let chosen = blocksContaining(window.keywords).filter { allowed?.contains($0) ?? true }
            return matches(pattern, in: chosen, includingQuotes: includingQuotes)
        }
        var hits: [Int: [(at: Int, length: Int)]] = [:]  // block → keyword byte offsets in the block
        scan(for: window.keywords) { block, at, length in
            guard allowed?.contains(block) ?? true else { return byteEnd(of: block) + 1 }
            if let holds = window.holds, !multiline.contains(block), !holds(lowered[byteStarts[block]..<byteEnd(of: block)], at) {
                return at + 1
            }
            hits[block, default: []].append((at - byteStarts[block], length))
            return at + 1
        }
        var results: [TextMatch] = []
        for block in hits.keys.sorted() where includingQuotes || !quoted.contains(block) {
            let length = utf16Length(ofBlock: block)
            if multiline.contains(block) {
                appendMatches(pattern, block: block, region: NSRange(location: 0, length: length), window: false, to: &results)
                continue
            }
            // Each window, and the last place a match in it can start: the last keyword's start.
            let utf16 = utf16Offsets(ofBlock: block)
            let first = starts[block]
            var windows: [(region: NSRange, startsBy: Int)] = hits[block]!.map { hit in
                let keyword = utf16(hit.at)
                let keywordEnd = utf16(hit.at + hit.length)
                var start = keyword
                var end = keywordEnd
                switch window.reach {
                case .block:
                    (start, end) = (0, length)  // not reached: whole blocks are read above
                case .within(let before, let after):
                    (start, end) = (max(0, keyword - before), min(length, keywordEnd + after))
                case .runs(let before, let after):
                    while start > 0 && before(self.utf16[first + start - 1]) { start -= 1 }
                    while end < length && after(self.utf16[first + end]) { end += 1 }
                }
                return (NSRange(location: start, length: end - start), keyword)
            }
            windows.sort { $0.region.location < $1.region.location }
            windows = windows.reduce(into: []) { merged, window in
                if let last = merged.last, window.region.location <= last.region.location + last.region.length {
                    let end = max(last.region.location + last.region.length, window.region.location + window.region.length)
                    merged[merged.count - 1] = (
                        NSRange(location: last.region.location, length: end - last.region.location), max(last.startsBy, window.startsBy)
                    )
                } else {
                    merged.append(window)
                }
            }
            for window in windows {
                // A window that is the whole block is scanned as the block: its edges are the block's.
                let whole = window.region.length == length
                appendMatches(pattern, block: block, region: window.region, window: !whole, startsBy: window.startsBy, to: &results)
            }
        }
        return results
    }

    /// A function from byte offsets in a block (of its UTF-8 text) to UTF-16 offsets; a block
    /// past ASCII has its table made once per page (several patterns have keywords in a block).
    private func utf16Offsets(ofBlock block: Int) -> (Int) -> Int {
        let bytes = lowered[byteStarts[block]..<byteEnd(of: block)]
        if bytes.count == utf16Length(ofBlock: block) { return { $0 } }  // ASCII: the same offsets
        let table: [Int]
        if let known = keywordHits.utf16Tables[block] {
            table = known
        } else {
            // Each scalar counts one UTF-16 unit at its first byte, and a second one if it needs four bytes.
            var made = [Int](repeating: 0, count: bytes.count + 1)
            var units = 0
            for (i, byte) in bytes.enumerated() {
                made[i] = units
                if byte & 0xC0 != 0x80 { units += byte >= 0xF0 ? 2 : 1 }
            }
            made[bytes.count] = units
            keywordHits.utf16Tables[block] = made
            table = made
        }
        return { table[min(max(0, $0), bytes.count)] }
    }

    /// The regex run on each chosen block on its own (a short string), with the ranges moved
    /// to the whole text's coordinates.
    private func matches<C: Collection<Int>>(_ pattern: NSRegularExpression, in chosen: C, includingQuotes: Bool)
        -> [TextMatch]
    {
        var results: [TextMatch] = []
        for i in chosen where includingQuotes || !quoted.contains(i) {
            appendMatches(pattern, block: i, region: NSRange(location: 0, length: utf16Length(ofBlock: i)), window: false, to: &results)
        }
        return results
    }

    /// Byte substring search: far cheaper than `String.contains`, which goes through Foundation.
    static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard !needle.isEmpty else { return true }
        return haystack.withUnsafeBytes { h in
            guard let base = h.baseAddress else { return false }
            return find(needle, in: base, count: h.count) != nil
        }
    }

    /// The offset of the first occurrence of a non-empty needle in `count` bytes. `memchr`
    /// (vectorised in glibc) finds candidates for the needle's rarest byte, so a keyword
    /// such as "experien" is looked for by its "x", not by its common "e"; the rest is compared.
    static func find(_ needle: [UInt8], in base: UnsafeRawPointer, count: Int) -> Int? {
        guard !needle.isEmpty, needle.count <= count else { return nil }
        var anchor = 0
        for i in needle.indices where rarity(needle[i]) > rarity(needle[anchor]) { anchor = i }
        let byte = Int32(needle[anchor])
        let last = count - needle.count  // the last possible start
        var from = anchor
        return needle.withUnsafeBytes { n in
            while from <= last + anchor, let hit = memchr(base + from, byte, last + anchor - from + 1) {
                let start = base.distance(to: UnsafeRawPointer(hit)) - anchor
                if memcmp(base + start, n.baseAddress!, needle.count) == 0 { return start }
                from = start + anchor + 1
            }
            return nil
        }
    }

    /// How rare a byte is in English and Spanish text, higher is rarer: letters by their
    /// frequency, anything else (digits, punctuation, the bytes of accented letters) rarer still.
    @inline(__always)
    private static func rarity(_ byte: UInt8) -> Int {
        guard byte >= 0x61 && byte <= 0x7A else { return byte == 0x20 ? 0 : 30 }
        return letterRarity[Int(byte - 0x61)]
    }

    /// a…z, from the most common (e, a, o, s, n…) to the rarest (z, x, q, k, w).
    private static let letterRarity: [Int] = {
        let order = Array("eaosnritldcumphgbfyvjqkwxz".utf8)
        var rank = [Int](repeating: 0, count: 26)
        for (i, letter) in order.enumerated() { rank[Int(letter - 0x61)] = i + 1 }
        return rank
    }()

    static let quoteMarks: Set<Character> = ["\"", "“", "«", "‘", "„", "'"]

    /// A block is quoted when it sits in a `blockquote` or opens with a quotation mark and
    /// is long enough to be a testimonial; the short line after it (the attribution) too.
    static func quotedBlocks(_ blocks: [TextBlock]) -> (quoted: Set<Int>, attributions: Set<Int>) {
        var quoted: Set<Int> = []
        var attributions: Set<Int> = []
        for (i, block) in blocks.enumerated() {
            let inQuote = block.quoted
            // Every quotation mark's UTF-8 starts with one of these bytes: most lines are decided by it.
            let lead = block.text.utf8.first ?? 0
            let mayOpenQuote = lead == 0x22 || lead == 0x27 || lead == 0xC2 || lead == 0xE2
            let opensQuote = mayOpenQuote && (block.text.first.map { quoteMarks.contains($0) } ?? false)
            guard inQuote || (opensQuote && block.text.count >= 40) else { continue }
            quoted.insert(i)
            attributions.remove(i)  // a quotation of its own after another
            if i + 1 < blocks.count, !blocks[i + 1].quoted {
                let next = blocks[i + 1].text
                let dash = next.hasPrefix("-") || next.hasPrefix("—") || next.hasPrefix("–")
                if dash || (next.count <= 90 && !(next.first.map { quoteMarks.contains($0) } ?? false)) {
                    quoted.insert(i + 1)
                    attributions.insert(i + 1)
                }
            }
        }
        return (quoted, attributions)
    }

    /// A claim located at a match.
    func claim(_ kind: ClaimKind, _ value: ClaimValue, at range: NSRange) -> Claim {
        Claim(
            kind: kind, value: value, origin: origin, url: url,
            excerpt: excerpt(around: range),
            locator: locator(at: range.location))
    }

    /// The words around a match (`Excerpt.radius` characters either side, cut at spaces),
    /// never beyond the match's line: its block, or for a block of several lines the nearest
    /// newlines.
    func excerpt(around range: NSRange) -> String {
        var start = max(0, range.location - Excerpt.radius)
        var end = min(length, range.location + range.length + Excerpt.radius)
        let afterStart = range.location + range.length
        let before: NSRange
        let after: NSRange
        if let line = lineRange(at: range.location) {
            before = start < line.location ? NSRange(location: line.location - 1, length: 1) : NSRange(location: NSNotFound, length: 0)
            after = end > line.location + line.length ? NSRange(location: line.location + line.length, length: 1) : NSRange(location: NSNotFound, length: 0)
        } else {
            before = text.range(of: "\n", options: .backwards, range: NSRange(location: start, length: range.location - start))
            after = text.range(of: "\n", range: NSRange(location: afterStart, length: end - afterStart))
        }
        if before.location != NSNotFound { start = before.location + 1 }
        if after.location != NSNotFound { end = after.location }
        var excerpt = substring(NSRange(location: start, length: end - start))
        if start > 0 && before.location == NSNotFound, let space = Excerpt.space(in: excerpt, last: false) {
            excerpt = "…" + excerpt[excerpt.index(after: space)...]
        }
        if end < length && after.location == NSNotFound, let space = Excerpt.space(in: excerpt, last: true) {
            excerpt = excerpt[..<space] + "…"
        }
        return excerpt.trimmingSpaces()
    }

    /// The text of the block at `index`, or "" outside the page.
    func blockText(_ index: Int) -> String {
        blocks.indices.contains(index) ? blocks[index].text : ""
    }
}

/// Where every match of a pattern lies: in a block holding one of its keywords (lower case),
/// and, as `reach` says, near that keyword (see `TextIndex.matches(_:in:)`). With `also`,
/// every match holds one of those words as well, and a block without one is not read.
struct KeywordWindow: Sendable {
    /// How far a match reaches from its keyword.
    enum Reach: Sendable {
        /// Anywhere in the block.
        case block
        /// Starting at most `before` and ending at most `after` UTF-16 units away from it.
        case within(before: Int, after: Int)
        /// Over the runs of characters that pass the tests on each side of it (UTF-16 units):
        /// an e-mail address around its "@". A test may pass more than a match can hold (the
        /// window is larger), never less.
        case runs(before: @Sendable (UInt16) -> Bool, after: @Sendable (UInt16) -> Bool)
    }

    let keywords: [String]
    let reach: Reach
    let also: [String]?
    /// Whether a match can hold this occurrence of a keyword, asked of each occurrence on a
    /// line of its own (white space collapsed): the line's lower-case bytes and where the
    /// occurrence starts in them. An occurrence no match can hold makes no window.
    let holds: (@Sendable (_ line: ArraySlice<UInt8>, _ at: Int) -> Bool)?

    init(
        keywords: [String], reach: Reach, also: [String]? = nil,
        holds: (@Sendable (_ line: ArraySlice<UInt8>, _ at: Int) -> Bool)? = nil
    ) {
        self.keywords = keywords
        self.reach = reach
        self.also = also
        self.holds = holds
    }

    /// Matches around a keyword, within the reach given.
    init(
        keywords: [String], before: Int, after: Int, also: [String]? = nil,
        holds: (@Sendable (_ line: ArraySlice<UInt8>, _ at: Int) -> Bool)? = nil
    ) {
        self.init(keywords: keywords, reach: .within(before: before, after: after), also: also, holds: holds)
    }

    /// Matches anywhere in a block that holds a keyword.
    init(keywords: [String], also: [String]? = nil) {
        self.init(keywords: keywords, reach: .block, also: also)
    }
}

/// Readable excerpts (`TextIndex.excerpt(around:)`): the words around a match, cut at word
/// boundaries, never across blocks.
enum Excerpt {
    static let radius = 80

    /// `firstIndex(of: " ")` or `lastIndex(of: " ")`, found on the bytes: a space byte between
    /// two ASCII bytes (or an end) is a space Character of its own, which is all the Character
    /// search (grapheme by grapheme, dear on a 160-character excerpt) would find there. Near
    /// anything else (a combining mark could join it) the Character search decides.
    static func space(in text: String, last: Bool) -> String.Index? {
        let utf8 = text.utf8
        var i: String.Index? = last ? (utf8.isEmpty ? nil : utf8.index(before: utf8.endIndex)) : utf8.startIndex
        while let at = i, at < utf8.endIndex {
            if utf8[at] == 0x20 {
                let next = utf8.index(after: at)
                let nextASCII = next == utf8.endIndex || utf8[next] < 0x80
                let previousASCII = at == utf8.startIndex || utf8[utf8.index(before: at)] < 0x80
                guard nextASCII && previousASCII else { return last ? text.lastIndex(of: " ") : text.firstIndex(of: " ") }
                return at
            }
            i = last ? (at == utf8.startIndex ? nil : utf8.index(before: at)) : utf8.index(after: at)
        }
        return nil
    }
}

extension NSRegularExpression {
    /// The first match in the whole of `text` (through ICU directly).
    func firstMatch(in text: String) -> TextMatch? {
        ICURegex.firstMatch(self, in: text)
    }

    /// Every match in the whole of `text`.
    func matches(in text: String) -> [NSTextCheckingResult] {
        matches(in: text, range: NSRange(location: 0, length: text.utf16.count))
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

    /// Alternation of the number words, longest first (as a trie).
    static let numberWordAlternation: String = trie(Array(numberWords.keys))

    /// A regex alternation of literal words that prefers the longest, as `a|b|c` sorted longest
    /// first would, written as a trie (`sep(?:tiembre|tember|t)?`): ICU tries each alternative in
    /// turn at every position, so a flat list of fifty words costs fifty comparisons per
    /// character of text, and the trie one or two.
    static func trie(_ words: [String]) -> String {
        final class Node {
            var children: [(Character, Node)] = []
            var isEnd = false
            func child(_ c: Character) -> Node {
                if let found = children.first(where: { $0.0 == c }) { return found.1 }
                let node = Node()
                children.append((c, node))
                return node
            }
        }
        let root = Node()
        for word in Set(words) where !word.isEmpty {
            var node = root
            for c in word { node = node.child(c) }
            node.isEnd = true
        }
        func pattern(_ node: Node) -> String {
            // Longer continuations first, then ending here: the longest word wins, as before.
            let branches = node.children.sorted { String($0.0) < String($1.0) }.map {
                NSRegularExpression.escapedPattern(for: String($0.0)) + pattern($0.1)
            }
            guard !branches.isEmpty else { return "" }
            let body = branches.count == 1 ? branches[0] : "(?:" + branches.joined(separator: "|") + ")"
            if !node.isEnd { return body }
            return branches.count == 1 && body.count == 1 ? body + "?" : "(?:" + branches.joined(separator: "|") + ")?"
        }
        return "(?:" + pattern(root) + ")"
    }

    static func number(_ text: String) -> Int? {
        Int(text) ?? numberWords[text.lowercased()]
    }

    /// The current year, for plausibility checks of stated years. Every page's patterns ask
    /// for it, and a calendar's answer costs microseconds (about 0.7% of extraction): it is
    /// worked out again only when the minute changes, which a clock reading tells.
    static var currentYear: Int {
        let now = Date()
        let minute = Int((now.timeIntervalSince1970 / 60).rounded(.down))
        return yearByMinute.withLock { known in
            if known.minute != minute { known = (minute, Calendar(identifier: .gregorian).component(.year, from: now)) }
            return known.year
        }
    }
    private static let yearByMinute = Locked<(minute: Int, year: Int)>((-1, 0))
}
