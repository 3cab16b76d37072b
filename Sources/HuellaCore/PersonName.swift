import Foundation

/// A person's name reduced for comparison: no accents, case, punctuation, honorifics
/// or particles (`de`, `del`, `la`, `y`).
public struct PersonName: Sendable, Hashable {
    public let tokens: [String]

    /// Honorifics, then particles: words a name is compared without.
    private static let droppedWords = [
        "mr", "mrs", "ms", "miss", "mx", "dr", "dra", "sr", "sra", "srta", "lic", "licda", "ing", "mtro",
        "mtra", "prof", "profa", "don", "dona",
        "de", "del", "la", "las", "los", "y", "e", "i",
    ]
    private static let longestDropped = droppedWords.map(\.utf8.count).max() ?? 0
    /// The same words packed as `packed(_:)` packs a word: a short word is looked up among
    /// two dozen numbers, without a string or a hash.
    private static let dropped: [UInt64] = droppedWords.map { packed(Array($0.utf8)) }

    /// A word of at most seven bytes as one number: its bytes, then its length in the top byte.
    private static func packed(_ word: [UInt8]) -> UInt64 {
        var value = UInt64(word.count) << 56
        for (i, byte) in word.enumerated() { value |= UInt64(byte) << (8 * i) }
        return value
    }

    public init(_ text: String) {
        var tokens: [String] = []
        Self.words(of: text) { tokens.append(String(decoding: $0, as: UTF8.self)) }
        self.tokens = tokens
    }

    /// The tokens joined by single spaces (`tokens.joined(separator: " ")`), built without
    /// a string per token: the key names are compared and deduplicated by.
    public static func key(_ text: String) -> String {
        var key: [UInt8] = []
        words(of: text) { word in
            if !key.isEmpty { key.append(0x20) }
            key.append(contentsOf: word)
        }
        return String(decoding: key, as: UTF8.self)
    }

    /// The words of a statement that is not a name, for telling repeats apart: its letters
    /// and digits, folded, each word once separated by a space; no word is dropped. The same
    /// phone, address or id written with other case, accents or punctuation has the same
    /// key ("+34 612 345 678" and "+34612345678"), two that differ in a digit do not.
    public static func textKey(_ text: String) -> String {
        if let key = asciiTextKey(text) { return key }
        var key: [UInt8] = []
        words(of: text, keepingDigits: true) { word in
            if !key.isEmpty { key.append(0x20) }
            key.append(contentsOf: word)
        }
        return String(decoding: key, as: UTF8.self)
    }

    /// `textKey` of an ASCII text, in one loop over its bytes (skill ids, URLs and phone
    /// numbers are most of a page's repeated claims); nil for any other text.
    private static func asciiTextKey(_ text: String) -> String? {
        var text = text
        var ascii = true
        let key = text.withUTF8 { bytes in
            String(unsafeUninitializedCapacity: bytes.count) { out in
                var count = 0
                var inWord = false
                for byte in bytes {
                    guard byte < 0x80 else {
                        ascii = false
                        return 0
                    }
                    if byte == 0x27 || byte == 0x60 { continue }  // O'Connor → oconnor
                    let lower = byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
                    guard (lower >= 0x61 && lower <= 0x7A) || (lower >= 0x30 && lower <= 0x39) else {
                        inWord = false
                        continue
                    }
                    if !inWord && count > 0 {
                        out[count] = 0x20
                        count += 1
                    }
                    out[count] = lower
                    count += 1
                    inWord = true
                }
                return count
            }
        }
        return ascii ? key : nil
    }

    /// Calls `body` with the UTF-8 of each word kept, in order: words of letters without the
    /// honorifics and particles, or (`keepingDigits`) words of letters and digits, all of them.
    private static func words(of text: String, keepingDigits: Bool = false, _ body: ([UInt8]) -> Void) {
        var word: [UInt8] = []  // UTF-8 of the word being read: appending to a String per scalar cost more than the rest
        func close() {
            guard !word.isEmpty else { return }
            // Honorifics and particles have at most five letters: longer words skip the lookup.
            if keepingDigits || word.count > Self.longestDropped || !Self.dropped.contains(Self.packed(word)) { body(word) }
            word.removeAll(keepingCapacity: true)
        }
        func add(_ scalar: Unicode.Scalar) {
            if scalar == "'" || scalar == "’" || scalar == "`" { return }  // O'Connor → oconnor
            if scalar.value < 0x80 {
                let byte = UInt8(scalar.value)
                if (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || (keepingDigits && byte >= 0x30 && byte <= 0x39) {
                    word.append(byte)
                } else {
                    close()
                }
            } else if CharacterSet.letters.contains(scalar) {
                UTF8.encode(scalar) { word.append($0) }
            } else {
                close()
            }
        }
        for scalar in text.unicodeScalars {
            if scalar.value < 0x80 {
                add(scalar.value >= 0x41 && scalar.value <= 0x5A ? Unicode.Scalar(UInt8(scalar.value) | 0x20) : scalar)
            } else {
                for folded in Folding.fold(scalar).unicodeScalars { add(folded) }
            }
        }
        close()
    }

    /// Whether two names can be the same person: the given names agree, and every part
    /// of the shorter name appears in the longer one (a second surname or a middle name
    /// may be absent; an initial stands for its name).
    public func isCompatible(with other: PersonName) -> Bool {
        guard let first = tokens.first, let otherFirst = other.tokens.first else { return true }
        guard Self.matches(first, otherFirst) else { return false }
        let (short, long) = tokens.count <= other.tokens.count ? (tokens, other.tokens) : (other.tokens, tokens)
        var available = Array(long.dropFirst())
        for token in short.dropFirst() {
            guard let index = available.firstIndex(where: { Self.matches(token, $0) }) else { return false }
            available.remove(at: index)
        }
        return true
    }

    /// Equal, an initial, or a short form of at least three letters (Vale → Valentina, Alex → Alejandra).
    private static func matches(_ a: String, _ b: String) -> Bool {
        if a == b { return true }
        if a.count >= 3 && b.count > a.count && b.hasPrefix(a) { return true }
        if b.count >= 3 && a.count > b.count && a.hasPrefix(b) { return true }
        if a.count == 1 { return b.hasPrefix(a) }
        if b.count == 1 { return a.hasPrefix(b) }
        return false
    }
}
