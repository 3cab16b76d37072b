import Foundation

/// Whether the tests run under a sanitizer (`scripts/sanitize` sets HUELLA_SANITIZER): every
/// step is several times slower and shadow memory counts in a process's peak, so the tests
/// that bound time or memory widen their bounds.
public enum Sanitizer {
    public static var isOn: Bool { ProcessInfo.processInfo.environment["HUELLA_SANITIZER"] != nil }
}
