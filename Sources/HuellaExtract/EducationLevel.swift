import Foundation
import HuellaCore

/// The level a degree's name states, on huella's one scale, and its field of study.
public enum EducationLevel {
    /// `Licenciatura en Derecho` → bachelor; `Diplomado en Marketing` → non-degree.
    public static func of(_ name: String) -> DegreeLevel? {
        let lower = name.lowercased()
        for (pattern, level) in EducationPatterns.degreeWords
        where lower.range(of: "\\b(?:" + pattern + ")", options: [.regularExpression, .caseInsensitive]) != nil {
            return level
        }
        for (pattern, level) in EducationPatterns.abbreviations
        where name.range(of: "\\b(?:" + pattern + ")", options: .regularExpression) != nil {
            return level
        }
        return nil
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
            if let range = name.range(of: separator) {
                let field = name[range.upperBound...].trimmingCharacters(in: .whitespaces)
                if !field.isEmpty && EducationLevel.of(field) == nil { return field }
            }
        }
        return nil
    }
}
