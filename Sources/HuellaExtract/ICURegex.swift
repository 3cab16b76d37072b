internal import _FoundationICU
import Foundation
import HuellaCore

/// ICU's regular-expression engine — the one `NSRegularExpression` wraps on Linux — called
/// directly on the page's UTF-16 text. Through `NSRegularExpression`, each call copies its
/// input string to UTF-16 and allocates an `NSTextCheckingResult` per match; a page makes
/// hundreds of calls on short blocks and windows, and those costs came to a quarter of what
/// the matching itself cost (callgrind).
///
/// The patterns stay `NSRegularExpression`s (the extractors' constants, checked when they are
/// compiled); each is compiled once more for ICU, with the same flags, on first use.
enum ICURegex {
    /// Compiled patterns by the `NSRegularExpression` they compile (its identity: hashing a
    /// pattern's source on every call cost more than some matches), shared by all threads:
    /// ICU clones a compiled pattern thread-safely, and each clone is a matcher of its own.
    /// The entry keeps its `NSRegularExpression`, so the identity stays its own.
    private static let compiled = Locked<[ObjectIdentifier: (regex: NSRegularExpression, compiled: Compiled)]>([:])

    /// A compiled pattern that no one matches with directly; kept for the life of the process
    /// (the patterns are constants), with the matchers made from it that are free to be used
    /// again (a page's are given back when it is done).
    fileprivate final class Compiled: @unchecked Sendable {
        let handle: OpaquePointer
        let free = Locked<[Matcher]>([])
        init(_ handle: OpaquePointer) { self.handle = handle }
    }

    /// A matcher for the pattern, to be given back (`giveBack`) when the caller is done; nil
    /// when ICU does not compile it (it compiled as an `NSRegularExpression` with the same
    /// flags, so that would be a bug).
    static func matcher(for regex: NSRegularExpression) -> Matcher? {
        let key = ObjectIdentifier(regex)
        func open() -> OpaquePointer? {
            var status = U_ZERO_ERROR
            let source = Array(regex.pattern.utf16)
            let flags = regex.options.contains(.caseInsensitive) ? UInt32(UREGEX_CASE_INSENSITIVE.rawValue) : 0
            let handle = swift_uregex_open(source, Int32(source.count), flags, nil, &status)
            guard status.rawValue <= 0 else {
                if let handle { swift_uregex_close(handle) }
                return nil
            }
            return handle
        }
        let master: Compiled? = compiled.withLock { table in
            if let known = table[key] { return known.compiled }
            // The extractors' patterns are constants, a few dozen; past the cap (a caller with
            // patterns made from data) each matcher is compiled for itself and freed with it.
            guard table.count < maxCompiled, let handle = open() else { return nil }
            let made = Compiled(handle)
            table[key] = (regex, made)
            return made
        }
        guard let master else { return open().map { Matcher($0, from: nil) } }
        if let reused = master.free.withLock({ $0.popLast() }) { return reused }
        var status = U_ZERO_ERROR
        guard let clone = swift_uregex_clone(master.handle, &status), status.rawValue <= 0 else { return nil }
        return Matcher(clone, from: master)
    }

    /// Makes a matcher from `matcher(for:)` free for other callers (or frees it).
    static func giveBack(_ matcher: Matcher) {
        guard let origin = matcher.origin else { return }
        origin.free.withLock { free in
            if free.count < maxFreePerPattern { free.append(matcher) }
        }
    }

    /// Free matchers kept per pattern: as many as threads extract at once, with room to spare.
    static let maxFreePerPattern = 64

    /// The first match of a pattern in the whole of a string, as `NSRegularExpression`'s
    /// `firstMatch(in:range:)` finds it, without its per-call copies and result objects.
    static func firstMatch(_ regex: NSRegularExpression, in text: String) -> TextMatch? {
        guard let matcher = matcher(for: regex) else {
            let found = regex.firstMatch(in: text, range: NSRange(location: 0, length: text.utf16.count))
            return found.map { result in TextMatch(ranges: (0..<result.numberOfRanges).map(result.range(at:))) }
        }
        defer { giveBack(matcher) }
        var units = Array(text.utf16)
        units.append(0)  // a valid address for an empty string; not part of the text
        var results: [TextMatch] = []
        units.withUnsafeBufferPointer { buffer in
            let count = buffer.count - 1
            matcher.matches(
                in: buffer.baseAddress!, count: count, region: NSRange(location: 0, length: count), offset: 0, firstOnly: true,
                into: &results)
        }
        return results.first
    }

    static let maxCompiled = 1024

    /// One matcher: it keeps state between calls, so one caller at a time uses it (one page's
    /// extraction, or one `firstMatch(_:in:)`), and hands it on through the pool's lock.
    final class Matcher: @unchecked Sendable {
        private let handle: OpaquePointer
        /// The compiled pattern it was cloned from; nil when it was compiled for itself.
        fileprivate let origin: Compiled?
        private let groups: Int
        /// The last index where a match may start in the current call (ICU asks, through the
        /// progress callback, before each new start it tries).
        private let latestStart = UnsafeMutablePointer<Int64>.allocate(capacity: 1)

        fileprivate init(_ handle: OpaquePointer, from origin: Compiled?) {
            self.handle = handle
            self.origin = origin
            var status = U_ZERO_ERROR
            groups = Int(swift_uregex_groupCount(handle, &status))
            latestStart.initialize(to: .max)
            swift_uregex_setFindProgressCallback(handle, { context, next in
                next <= context!.load(as: Int64.self) ? 1 : 0
            }, latestStart, &status)
        }

        deinit {
            swift_uregex_close(handle)
            latestStart.deallocate()
        }

        /// Appends every match in `region` of a text (`count` UTF-16 units at `text`, valid
        /// during the call), its ranges moved by `offset`. As `NSRegularExpression`'s
        /// `matches(in:options:range:)`: by default the pattern sees only the region and `^`,
        /// `$` match at its edges; `window` makes the bounds transparent and non-anchoring
        /// (`.withTransparentBounds`, `.withoutAnchoringBounds`): the rest of the text is
        /// context for lookarounds and `\b`, and no match starts or ends outside the region.
        /// `startsBy` (an index of the text, when the caller knows that no match starts later)
        /// keeps the pattern from being tried at the positions after it.
        func matches(
            in text: UnsafePointer<UInt16>, count: Int, region: NSRange, window: Bool = false, startsBy: Int? = nil, offset: Int,
            firstOnly: Bool = false, into results: inout [TextMatch]
        ) {
            latestStart.pointee = startsBy.map(Int64.init) ?? .max
            var status = U_ZERO_ERROR
            swift_uregex_setText(handle, text, Int32(count), &status)
            swift_uregex_setRegion64(handle, Int64(region.location), Int64(region.location + region.length), &status)
            swift_uregex_useTransparentBounds(handle, window ? 1 : 0, &status)
            swift_uregex_useAnchoringBounds(handle, window ? 0 : 1, &status)
            guard status.rawValue <= 0 else { return }
            while swift_uregex_findNext(handle, &status) != 0, status.rawValue <= 0 {
                var ranges: [NSRange] = []
                ranges.reserveCapacity(groups + 1)
                for group in 0...groups {
                    let start = Int(swift_uregex_start64(handle, Int32(group), &status))
                    let end = Int(swift_uregex_end64(handle, Int32(group), &status))
                    ranges.append(start < 0 ? NSRange(location: NSNotFound, length: 0) : NSRange(location: start + offset, length: end - start))
                }
                results.append(TextMatch(ranges: ranges))
                if firstOnly { return }
            }
        }
    }
}

/// A match: the whole match's range and each group's (UTF-16; `NSNotFound` for a group that
/// took no part), as `NSTextCheckingResult` gives them.
struct TextMatch: Equatable {
    let ranges: [NSRange]

    var range: NSRange { ranges[0] }
    var numberOfRanges: Int { ranges.count }
    func range(at group: Int) -> NSRange { ranges[group] }
}
