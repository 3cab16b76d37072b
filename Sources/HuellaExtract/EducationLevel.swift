import Foundation
import HuellaCore

/// The level a degree's name states, on huella's one scale, and its field of study.
public enum EducationLevel {
    /// `Licenciatura en Derecho` → bachelor; `Diplomado en Marketing` → non-degree.
    public static func of(_ name: String) -> DegreeLevel? {
        known.value(for: name) { (words + abbreviations).first { $0.0.firstMatch(in: name) != nil }?.1 }
    }

    /// Levels of names already read: a name is tried against some fifty patterns, and the same
    /// names come back page after page.
    private static let known = Memo<String, DegreeLevel?>(capacity: 1024)

    private static let words: [(NSRegularExpression, DegreeLevel)] = EducationPatterns.degreeWords.compactMap { pattern, level in
        Patterns.compile("\\b(?:" + pattern + ")").map { ($0, level) }
    }
    private static let abbreviations: [(NSRegularExpression, DegreeLevel)] = EducationPatterns.abbreviations.compactMap {
        pattern, level in Patterns.compile("\\b(?:" + pattern + ")", caseSensitive: true).map { ($0, level) }
    }

    /// The words after "in"/"en"/"of"/"de" in a degree name.
    public static func field(in rawName: String) -> String? {
        // LinkedIn writes "Bachelor of Science - BS": the abbreviation after the dash is the level again.
        var name = rawName
        if let dash = name.range(of: " - ", options: .backwards), name[dash.upperBound...].count <= 5 {
            name = String(name[..<dash.lowerBound])
        }
        if ["bachelor of science", "bachelor of arts", "master of science", "master of arts", "master of business administration"]
            .contains(name.lowercased())
        {
            return nil
        }
        for separator in [" en ", " in ", " of ", " de ", ", "] {
            if let range = name.utf8Range(of: separator) {
                let field = name[range.upperBound...].trimmingSpaces()
                if !field.isEmpty && EducationLevel.of(field) == nil { return field }
            }
        }
        return nil
    }
}
