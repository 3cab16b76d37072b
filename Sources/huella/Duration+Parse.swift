/// Durations as people write them on a command line: `90s`, `30m`, `2h`, `1h30m`, or seconds.
extension Duration {
    static func parse(_ text: String) -> Duration? {
        if let seconds = Int(text), seconds > 0 { return .seconds(seconds) }
        var total = 0
        var number = ""
        for ch in text.lowercased() {
            if ch.isNumber {
                number.append(ch)
            } else {
                guard let n = Int(number) else { return nil }
                switch ch {
                case "h": total += n * 3600
                case "m": total += n * 60
                case "s": total += n
                default: return nil
                }
                number = ""
            }
        }
        guard number.isEmpty, total > 0 else { return nil }
        return .seconds(total)
    }
}
