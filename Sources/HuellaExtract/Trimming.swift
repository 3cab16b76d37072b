import Foundation

extension StringProtocol {
    /// The UTF-8 bytes of `lowercased()`. Text of Latin-1 characters (English and Spanish) is
    /// lowered byte by byte: there Unicode's lower case is A–Z to a–z and À–Þ (but ×) to à–þ,
    /// and nothing else changes, nor in General Punctuation and the superscripts after it
    /// ("–", "“", "…"). Text with any other character goes through `lowercased()`,
    /// which costs thousands of instructions on a line of Spanish.
    var lowercasedUTF8: [UInt8] {
        var bytes = Array(utf8)
        var i = 0
        while i < bytes.count {
            let byte = bytes[i]
            if byte < 0x80 {
                if byte >= 0x41 && byte <= 0x5A { bytes[i] = byte | 0x20 }
                i += 1
            } else if (byte == 0xC2 || byte == 0xC3) && i + 1 < bytes.count {
                let next = bytes[i + 1]
                if byte == 0xC3 && next >= 0x80 && next <= 0x9E && next != 0x97 { bytes[i + 1] = next + 0x20 }
                i += 2
            } else if byte == 0xE2 && i + 2 < bytes.count && (bytes[i + 1] == 0x80 || bytes[i + 1] == 0x81) {
                i += 3  // U+2000–U+207F (dashes, quotes, bullets, ellipsis): none has a lower case of its own
            } else {
                return Array(lowercased().utf8)
            }
        }
        return bytes
    }

    /// `trimmingCharacters(in: .whitespaces)` (space separators and tab) without Foundation's
    /// round trip through UTF-16, which was a tenth of extraction time in profiles.
    func trimmingSpaces() -> String {
        trimmed(where: Self.isSpace)
    }

    /// `trimmingCharacters(in: .whitespacesAndNewlines)`, natively.
    func trimmingSpacesAndNewlines() -> String {
        trimmed { Self.isSpace($0) || Self.isNewline($0) }
    }

    /// `trimmingCharacters(in: CharacterSet(charactersIn: characters))`, natively: the
    /// Foundation call cost tens of thousands of instructions on a short name.
    func trimming(_ characters: String) -> String {
        let set = Array(characters.unicodeScalars)
        return trimmed { set.contains($0) }
    }

    private func trimmed(where isTrimmed: (Unicode.Scalar) -> Bool) -> String {
        let scalars = unicodeScalars
        guard let first = scalars.first, let last = scalars.last else { return "" }
        if !isTrimmed(first) && !isTrimmed(last) { return String(self) }
        var start = scalars.startIndex
        var end = scalars.endIndex
        while start < end, isTrimmed(scalars[start]) { start = scalars.index(after: start) }
        while end > start, isTrimmed(scalars[scalars.index(before: end)]) { end = scalars.index(before: end) }
        return String(self[start..<end])
    }

    /// Foundation's `.whitespaces`: space, tab and the space separators, with U+200B (zero
    /// width space) as Core Foundation counts it.
    static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x20, 0x09, 0xA0, 0x1680, 0x2000...0x200B, 0x202F, 0x205F, 0x3000: return true
        default: return false
        }
    }

    /// Line and paragraph separators: U+000A–000D, U+0085, U+2028, U+2029.
    private static func isNewline(_ scalar: Unicode.Scalar) -> Bool {
        (0x0A...0x0D).contains(scalar.value) || scalar.value == 0x85 || scalar.value == 0x2028 || scalar.value == 0x2029
    }
}

extension StringProtocol {
    /// Where `needle` first occurs, its UTF-8 bytes matched one for one: Foundation's
    /// `range(of:)` bridges both strings to `NSString` first, ten to twenty thousand
    /// instructions even for a short path searched for "/blockquote" (a few per cent of
    /// extraction, testimonials alone). For the needles huella looks for (ASCII words,
    /// separators, a punctuation mark) the answer is Foundation's, except next to combining
    /// marks: Foundation compares whole characters ("e" and U+0301 is one, and equals "é").
    func utf8Range(of needle: String) -> Range<Index>? {
        let wanted = Array(needle.utf8)
        let search = { (bytes: UnsafeBufferPointer<UInt8>) in bytes.baseAddress.flatMap { TextIndex.find(wanted, in: $0, count: bytes.count) } }
        guard let offset = utf8.withContiguousStorageIfAvailable(search) ?? Array(utf8).withUnsafeBufferPointer(search) else { return nil }
        let start = utf8.index(utf8.startIndex, offsetBy: offset)
        return start..<utf8.index(start, offsetBy: wanted.count)
    }

    /// `count >= n`, counting no further than `n` characters (`count` walks the whole text).
    func hasAtLeast(_ n: Int) -> Bool {
        utf8.count >= n && index(startIndex, offsetBy: n, limitedBy: endIndex) != nil
    }
}

extension String {
    /// `removingPercentEncoding`, natively where the answer is plain: each "%" and two hex
    /// digits become their byte, and bytes that are UTF-8 are the answer. A "%" without two hex
    /// digits after it, or decoded bytes that are not UTF-8, are left to Foundation (which
    /// answers nil, or repairs them, case by case). Foundation's call cost some 58,000
    /// instructions on a navigation href (the tests compare the two).
    var percentDecoded: String? {
        guard utf8.contains(0x25) else { return self }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(utf8.count)
        var i = utf8.startIndex
        while i < utf8.endIndex {
            let byte = utf8[i]
            i = utf8.index(after: i)
            guard byte == 0x25 else {
                bytes.append(byte)
                continue
            }
            guard i < utf8.endIndex, let high = ASCIIBytes.hexValue(utf8[i]) else { return removingPercentEncoding }
            i = utf8.index(after: i)
            guard i < utf8.endIndex, let low = ASCIIBytes.hexValue(utf8[i]) else { return removingPercentEncoding }
            i = utf8.index(after: i)
            bytes.append(high << 4 | low)
        }
        return String(validating: bytes, as: UTF8.self) ?? removingPercentEncoding
    }
}
