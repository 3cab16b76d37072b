import Foundation

/// libxml2's HTML parser (2.9) checks each attribute of a start tag against every attribute
/// before it in the tag, so a tag with k attributes costs it about k²/2 string compares: one
/// `<div>` of 50,000 attributes in a 1 MB page took it 30 seconds, and a hostile site could
/// stall a nightly audit for hours with a few such pages. This reads that cost off the bytes
/// before libxml2 sees them, as an upper bound, in one pass.
///
/// The bound holds without knowing which `<` libxml2 takes for a tag: every `<` followed by
/// an ASCII letter (the only way libxml2 starts an element) is read as a start tag, inside
/// comments, scripts and attribute values too, in the way libxml2 reads one — an attribute
/// name per run of name characters (one per 100 of them: libxml2 cuts longer names into
/// pieces), a value after `=` (quoted up to its quote or a NUL, else up to a blank or `>`),
/// anything else skipped up to a blank; the tag ends at `>`, `/>` or a NUL. Each real tag is
/// one of those readings, so the sum of the squares is never below libxml2's cost. A page of
/// ours costs a few thousand; the limit is twenty million (a fifth of a second of compares).
///
/// The reading follows libxml2 2.9.14 (Debian 12's, which CI installs) and was checked against
/// it by differential fuzzing (the largest attribute count libxml2 kept, against the bound).
/// libxml2 2.14 reads HTML with a new tokenizer: check this again when the system's changes.
enum AttributeCost {
    /// The most attribute compares a page may cost libxml2 (sum over tags of k(k − 1)/2).
    static let limit = 20_000_000

    /// Whether parsing `data` in `encoding` (as `Charset` chose it) may cost libxml2 more than
    /// `limit` compares, or its tags overlap so much that reading them would cost more than
    /// reading the page sixteen times over (a page built to make this pass slow).
    static func exceedsLimit(_ data: Data, encoding: String?) -> Bool {
        switch encoding {
        case "UTF-16LE", "UTF-16BE":
            // The structure in ASCII: each UTF-16 unit past ASCII stands as one byte past ASCII.
            let bigEndian = encoding == "UTF-16BE"
            var view = [UInt8]()
            view.reserveCapacity(data.count / 2)
            data.withUnsafeBytes { raw in
                var i = 0
                while i + 1 < raw.count {
                    let unit = bigEndian ? UInt16(raw[i]) << 8 | UInt16(raw[i + 1]) : UInt16(raw[i + 1]) << 8 | UInt16(raw[i])
                    view.append(unit < 0x80 ? UInt8(unit) : 0x80)
                    i += 2
                }
            }
            return view.withUnsafeBufferPointer { exceedsLimit($0) }
        default:
            return data.withUnsafeBytes { exceedsLimit($0.bindMemory(to: UInt8.self)) }
        }
    }

    /// The bound over ASCII-compatible bytes.
    static func exceedsLimit(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        classes.withUnsafeBufferPointer { table in exceedsLimit(bytes, table) }
    }

    private static func exceedsLimit(_ bytes: UnsafeBufferPointer<UInt8>, _ table: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return false }
        @inline(__always) func has(_ byte: UInt8, _ flag: UInt8) -> Bool { table[Int(byte)] & flag != 0 }
        let n = bytes.count
        /// Where libxml2 ends a tag: `>`, `/>` or a NUL.
        @inline(__always) func endsTag(_ k: Int) -> Bool { base[k] == 0 || base[k] == 0x3E || (base[k] == 0x2F && k + 1 < n && base[k + 1] == 0x3E) }
        var total = 0
        var work = 0
        let workLimit = 16 * n + 65_536
        var from = 0
        while from < n, let found = memchr(base + from, 0x3C, n - from) {
            let open = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
            from = open + 1
            guard from < n, has(base[from], letter) else { continue }
            // The element's name: past 100 characters, libxml2 reads the rest as attribute names.
            var k = from
            while k < n && has(base[k], nameCharacter) { k += 1 }
            var attributes = (k - from - 1) / 100
            while true {
                while k < n && has(base[k], blank) { k += 1 }
                guard k < n, !endsTag(k) else { break }
                if has(base[k], nameStart) {
                    let start = k
                    while k < n && has(base[k], nameCharacter) { k += 1 }
                    attributes += (k - start + 99) / 100
                    while k < n && has(base[k], blank) { k += 1 }
                    guard k < n, base[k] == 0x3D else { continue }  // "="
                    k += 1
                    while k < n && has(base[k], blank) { k += 1 }
                    if k < n && (base[k] == 0x22 || base[k] == 0x27) {
                        // Up to the quote or a NUL, whichever comes first (values are long: class
                        // lists, URLs, JSON settings; two vectorised searches beat a byte loop).
                        let quote = base[k]
                        k += 1
                        let close = memchr(base + k, Int32(quote), n - k).map { base.distance(to: $0.assumingMemoryBound(to: UInt8.self)) } ?? n
                        let nul = memchr(base + k, 0, close - k).map { base.distance(to: $0.assumingMemoryBound(to: UInt8.self)) }
                        k = nul ?? (close < n ? close + 1 : n)
                    } else {
                        while k < n && !has(base[k], blank) && base[k] != 0x3E && base[k] != 0 { k += 1 }
                    }
                } else {
                    // Not a name: libxml2 skips it up to a blank or the tag's end.
                    while k < n && !has(base[k], blank) && !endsTag(k) { k += 1 }
                }
            }
            total += attributes * (attributes - 1) / 2
            work += k - open
            if total > limit || work > workLimit { return true }
        }
        return false
    }

    private static let letter: UInt8 = 1
    private static let nameStart: UInt8 = 2
    private static let nameCharacter: UInt8 = 4
    private static let blank: UInt8 = 8

    /// Per byte: ASCII letters; what starts an attribute name (letters, `_`, `:`, `.`); what
    /// continues one (those, digits and `-`); libxml2's blanks (space, tab, CR, LF).
    private static let classes: [UInt8] = (0..<256).map { value in
        let byte = UInt8(value)
        let isLetter = (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
        let isDigit = (0x30...0x39).contains(byte)
        var flags: UInt8 = 0
        if isLetter { flags |= letter }
        if isLetter || byte == 0x5F || byte == 0x3A || byte == 0x2E { flags |= nameStart }
        if isLetter || isDigit || byte == 0x5F || byte == 0x3A || byte == 0x2E || byte == 0x2D { flags |= nameCharacter }
        if byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D { flags |= blank }
        return flags
    }
}
