import Foundation

/// Case and accent folding, as `folding(options: [.caseInsensitive, .diacriticInsensitive])`,
/// one Unicode scalar at a time: ASCII by hand, Latin letters from a table made once with
/// Foundation, anything else through Foundation. Foundation's folding of whole strings goes
/// through UTF-16 and ICU and was a large share of extraction time.
public enum Folding {
    public static func fold(_ scalar: Unicode.Scalar) -> String {
        if scalar.value < 0x80 { return String(lowered(UInt8(scalar.value))) }
        if let folded = latin[scalar.value] { return folded }
        // A combining accent on its own: what diacritic folding removes from a decomposed letter.
        if (0x300...0x36F).contains(scalar.value) { return "" }
        return String(scalar).folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
    }

    /// A whole string folded, scalar by scalar (tests hold it to Foundation's folding of the
    /// string on every fixture page's text).
    public static func fold(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            if scalar.value < 0x80 {
                out.unicodeScalars.append(lowered(UInt8(scalar.value)))
            } else {
                out += fold(scalar)
            }
        }
        return out
    }

    /// An ASCII letter in lower case; any other ASCII byte as it is.
    private static func lowered(_ byte: UInt8) -> Unicode.Scalar {
        Unicode.Scalar(byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte)
    }

    /// Latin-1 Supplement and Latin Extended-A (U+00C0–U+017F), folded by Foundation once.
    private static let latin: [UInt32: String] = {
        var table: [UInt32: String] = [:]
        for value in UInt32(0xC0)...UInt32(0x17F) {
            guard let scalar = Unicode.Scalar(value) else { continue }
            table[value] = String(scalar).folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
        }
        return table
    }()
}
