/// Readings of a claim's locator (the XPath-like path `HTMLDocument.path(of:)` writes).
enum Locator {
    /// Whether a locator passes through a `footer` element.
    static func isInFooter(_ locator: String) -> Bool {
        var rest = Substring(locator)
        while let found = rest.range(of: "/footer") {
            let after = rest[found.upperBound...]
            if after.isEmpty || after.first == "/" || after.first == "[" { return true }
            rest = after
        }
        return false
    }

    /// The list item a block belongs to: its locator up to the last `li[…]` step.
    static func item(of locator: String) -> String {
        let bytes = Array(locator.utf8)
        guard bytes.count >= 3,
            let start = (0...(bytes.count - 3)).reversed().first(where: { bytes[$0] == 0x2F && bytes[$0 + 1] == 0x6C && bytes[$0 + 2] == 0x69 })
        else { return "" }
        // Up to the end of that step ("/li[3]"), before the next "/".
        let end = bytes[(start + 3)...].firstIndex(of: 0x2F) ?? bytes.count
        return String(decoding: bytes[..<end], as: UTF8.self)
    }
}
