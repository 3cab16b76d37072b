import Foundation

/// Picks the encoding to hand libxml2: a byte-order mark wins, then the HTTP
/// `Content-Type` charset; otherwise nil, and libxml2 reads `<meta charset>` itself.
public enum Charset {
    public static func encoding(for data: Data, contentType: String?) -> String? {
        if data.starts(with: [0xEF, 0xBB, 0xBF]) { return "UTF-8" }
        if data.starts(with: [0xFF, 0xFE]) { return "UTF-16LE" }
        if data.starts(with: [0xFE, 0xFF]) { return "UTF-16BE" }
        guard let label = contentType.flatMap(parameter) else { return nil }
        return libxmlName(for: label)
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

    /// WHATWG rule: pages labelled Latin-1 or ASCII are decoded as Windows-1252, which
    /// is what their authors' tools wrote (curly quotes, the euro sign, dashes).
    static func libxmlName(for label: String) -> String? {
        switch label.lowercased() {
        case "iso-8859-1", "iso8859-1", "latin1", "latin-1", "l1", "us-ascii", "ascii", "windows-1252",
            "cp1252", "x-cp1252":
            "WINDOWS-1252"
        case "utf-8", "utf8": "UTF-8"
        case "iso-8859-15", "latin9", "latin-9": "ISO-8859-15"
        default: label.count <= 40 ? label.uppercased() : nil
        }
    }
}
