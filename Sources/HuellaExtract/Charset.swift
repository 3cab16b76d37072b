import Foundation

/// Picks the encoding to hand libxml2, always before it parses: a byte-order mark wins, then
/// the HTTP `Content-Type` charset, then what the page's first bytes say (libxml2's own guess
/// at UTF-16 and UCS-4 from the first four bytes), then a `<meta>` charset near the top;
/// otherwise nil, and libxml2 reads UTF-8, or Latin-1 past the first byte that is not UTF-8.
///
/// libxml2 is told to ignore the page's own `<meta>` (`HTML_PARSE_IGNORE_ENC`): left to
/// itself, it switches encoding wherever it meets one, and a page could switch to UTF-16 in
/// the middle, past what `AttributeCost` reads. Only the encodings browsers know are handed
/// on (the WHATWG list); any other label (UTF-7, EBCDIC…) counts as no label.
public enum Charset {
    public static func encoding(for data: Data, contentType: String?) -> String? {
        if data.starts(with: [0xEF, 0xBB, 0xBF]) { return "UTF-8" }
        if data.starts(with: [0xFF, 0xFE]) { return "UTF-16LE" }
        if data.starts(with: [0xFE, 0xFF]) { return "UTF-16BE" }
        if let name = contentType.flatMap(parameter).flatMap(libxmlName) { return name }
        if let name = sniffed(data) { return name }
        // A page whose `<meta>` could be read as ASCII is not UTF-16, whatever it says (WHATWG).
        guard let name = declared(in: data).flatMap(libxmlName) else { return nil }
        return name.hasPrefix("UTF-16") ? "UTF-8" : name
    }

    /// libxml2's guesses from the first four bytes of an unlabelled page, made explicit: UTF-16
    /// when they read `<?` in it; for UCS-4 and EBCDIC (no browser reads those), UTF-8, which
    /// keeps libxml2 from decoding them.
    static func sniffed(_ data: Data) -> String? {
        let head = Array(data.prefix(4))
        guard head.count == 4 else { return nil }
        switch (head[0], head[1], head[2], head[3]) {
        case (0x3C, 0x00, 0x3F, 0x00): return "UTF-16LE"
        case (0x00, 0x3C, 0x00, 0x3F): return "UTF-16BE"
        case (0x00, 0x00, 0x00, 0x3C), (0x3C, 0x00, 0x00, 0x00), (0x00, 0x00, 0x3C, 0x00), (0x00, 0x3C, 0x00, 0x00),
            (0x4C, 0x6F, 0xA7, 0x94):
            return "UTF-8"
        default: return nil
        }
    }

    /// The `charset` parameter of a Content-Type value.
    static func parameter(_ contentType: String) -> String? {
        for part in contentType.split(separator: ";").dropFirst() {
            let pair = part.split(separator: "=", maxSplits: 1)
            guard pair.count == 2, pair[0].trimmingSpaces().lowercased() == "charset" else {
                continue
            }
            let value = pair[1].trimmingCharacters(in: CharacterSet(charactersIn: " \t\"'"))
            return value.isEmpty ? nil : value
        }
        return nil
    }

    /// How far into a page its `<meta>` charset is looked for: the top of its head.
    static let declarationReach = 16 * 1024

    /// The charset a `<meta charset>` or `<meta http-equiv="Content-Type" content="…; charset=…">`
    /// declares within the first `declarationReach` bytes.
    static func declared(in data: Data) -> String? {
        let head = Array(data.prefix(declarationReach))
        let lowered = head.map(ASCIIBytes.lower)
        let needle = Array("charset".utf8)
        var from = 0
        while from < lowered.count,
            let at = lowered.withUnsafeBytes({ TextIndex.find(needle, in: $0.baseAddress! + from, count: lowered.count - from) }).map({ $0 + from })
        {
            from = at + 1
            // The tag around it: the nearest "<" before, which must open a `meta`.
            guard let open = lowered[max(0, at - 1024)..<at].lastIndex(of: 0x3C),
                lowered[open...].starts(with: Array("<meta".utf8)), open + 5 < lowered.count,
                [0x20, 0x09, 0x0A, 0x0D, 0x2F].contains(lowered[open + 5])
            else { continue }
            let attributes = metaAttributes(head, lowered, from: open + 5)
            if let charset = attributes["charset"], !charset.isEmpty { return charset }
            if attributes["http-equiv"]?.lowercased() == "content-type", let content = attributes["content"],
                let label = parameter(content)
            {
                return label
            }
        }
        return nil
    }

    /// A tag's attributes by lower-case name, read up to its `>` (values quoted or not).
    private static func metaAttributes(_ bytes: [UInt8], _ lowered: [UInt8], from start: Int) -> [String: String] {
        var found: [String: String] = [:]
        var k = start
        func isBlank(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D || b == 0x2F }
        while k < bytes.count {
            while k < bytes.count && isBlank(bytes[k]) { k += 1 }
            guard k < bytes.count, bytes[k] != 0x3E else { break }
            let nameStart = k
            while k < bytes.count && !isBlank(bytes[k]) && bytes[k] != 0x3D && bytes[k] != 0x3E { k += 1 }
            let name = String(decoding: lowered[nameStart..<k], as: UTF8.self)
            while k < bytes.count && isBlank(bytes[k]) && bytes[k] != 0x2F { k += 1 }
            guard k < bytes.count, bytes[k] == 0x3D else {
                if k == nameStart { k += 1 }
                continue
            }
            k += 1
            while k < bytes.count && isBlank(bytes[k]) && bytes[k] != 0x2F { k += 1 }
            var value: ArraySlice<UInt8> = []
            if k < bytes.count && (bytes[k] == 0x22 || bytes[k] == 0x27) {
                let quote = bytes[k]
                let end = bytes[(k + 1)...].firstIndex(of: quote) ?? bytes.count
                value = bytes[(k + 1)..<end]
                k = end + 1
            } else {
                // An unquoted value may hold "/" ("content=text/html;charset=…").
                let end = bytes[k...].firstIndex { ($0 != 0x2F && isBlank($0)) || $0 == 0x3E } ?? bytes.count
                value = bytes[k..<end]
                k = end
            }
            if found[name] == nil { found[name] = String(decoding: value, as: UTF8.self).trimmingSpaces() }
        }
        return found
    }

    /// WHATWG labels of the encodings browsers read, to libxml2's (iconv's) names; nil for any
    /// other label. Pages labelled Latin-1 or ASCII are decoded as Windows-1252, which is what
    /// their authors' tools wrote (curly quotes, the euro sign, dashes).
    static func libxmlName(for label: String) -> String? {
        let label = label.trimmingSpaces().lowercased()
        switch label {
        case "iso-8859-1", "iso8859-1", "iso_8859-1", "latin1", "latin-1", "l1", "us-ascii", "ascii", "windows-1252", "cp1252",
            "x-cp1252", "cp819", "ibm819":
            return "WINDOWS-1252"
        case "utf-8", "utf8", "unicode-1-1-utf-8": return "UTF-8"
        case "utf-16", "utf-16le", "unicode", "ucs-2": return "UTF-16LE"
        case "utf-16be": return "UTF-16BE"
        case "iso-8859-15", "iso8859-15", "iso_8859-15", "latin9", "latin-9", "l9": return "ISO-8859-15"
        case "koi8-r", "koi8", "cskoi8r": return "KOI8-R"
        case "koi8-u", "koi8-ru": return "KOI8-U"
        case "shift_jis", "shift-jis", "sjis", "ms_kanji", "ms932", "windows-31j", "x-sjis", "csshiftjis": return "SHIFT_JIS"
        case "euc-jp", "x-euc-jp", "cseucpkdfmtjapanese": return "EUC-JP"
        case "euc-kr", "ks_c_5601-1987", "windows-949", "cseuckr": return "EUC-KR"
        case "gbk", "gb2312", "x-gbk", "chinese", "csgb2312", "gb_2312-80": return "GBK"
        case "gb18030": return "GB18030"
        case "big5", "big5-hkscs", "cn-big5", "x-x-big5", "csbig5": return "BIG5-HKSCS"
        case "ibm866", "cp866", "866", "csibm866": return "IBM866"
        case "macintosh", "mac", "x-mac-roman", "csmacintosh": return "MACINTOSH"
        case "x-mac-cyrillic", "x-mac-ukrainian": return "MAC-CYRILLIC"
        case "windows-874", "dos-874", "iso-8859-11", "tis-620": return "WINDOWS-874"
        default:
            break
        }
        // windows-1250 … windows-1258 (cp125x), iso-8859-2 … iso-8859-16.
        for prefix in ["windows-125", "cp125", "x-cp125"] where label.hasPrefix(prefix) {
            let digit = label.dropFirst(prefix.count)
            if digit.count == 1, let n = Int(digit), (0...8).contains(n) { return "WINDOWS-125\(n)" }
        }
        for prefix in ["iso-8859-", "iso8859-", "iso_8859-"] where label.hasPrefix(prefix) {
            if let n = Int(label.dropFirst(prefix.count)), [2, 3, 4, 5, 6, 7, 8, 10, 13, 14, 16].contains(n) { return "ISO-8859-\(n)" }
        }
        return nil
    }

    /// Windows-1252 bytes as UTF-8, the WHATWG way: the five bytes the code page leaves
    /// undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D) stand for the C1 controls of the same number.
    /// iconv, which libxml2 would use, stops at them and libxml2 drops the rest of the page —
    /// and a UTF-8 page served as Latin-1 holds them in "”" (E2 80 9D), "Á" (C3 81)…
    static func windows1252ToUTF8(_ data: Data) -> Data {
        var out = [UInt8]()
        out.reserveCapacity(data.count + data.count / 8)
        for byte in data {
            let scalar: UInt32 = (0x80...0x9F).contains(byte) ? UInt32(windows1252High[Int(byte - 0x80)]) : UInt32(byte)
            switch scalar {
            case ..<0x80: out.append(UInt8(scalar))
            case ..<0x800: out += [UInt8(0xC0 | scalar >> 6), UInt8(0x80 | scalar & 0x3F)]
            default: out += [UInt8(0xE0 | scalar >> 12), UInt8(0x80 | (scalar >> 6) & 0x3F), UInt8(0x80 | scalar & 0x3F)]
            }
        }
        return Data(out)
    }

    /// Windows-1252's 0x80–0x9F.
    private static let windows1252High: [UInt16] = [
        0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
        0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
    ]
}
