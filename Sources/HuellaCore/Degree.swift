/// Degree levels on one ordinal scale across countries.
///
/// `bachillerato` is secondary in Spain and Mexico; a Mexican `diplomado` is a course,
/// not a degree (`nonDegree`, below every level for comparisons).
public enum DegreeLevel: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    case nonDegree = "non-degree"
    case secondary
    case technical
    case bachelor
    case master
    case doctorate

    public var rank: Int {
        switch self {
        case .nonDegree: -1
        case .secondary: 0
        case .technical: 1
        case .bachelor: 2
        case .master: 3
        case .doctorate: 4
        }
    }

    public static func < (a: DegreeLevel, b: DegreeLevel) -> Bool { a.rank < b.rank }
}

/// Whether a degree was completed.
public enum DegreeStatus: String, Sendable, Hashable, Codable {
    case completed
    case inProgress = "in-progress"
}

/// A degree as a source states it.
public struct Degree: Sendable, Hashable, Codable, CustomStringConvertible {
    public var level: DegreeLevel?
    public var name: String?
    public var field: String?
    public var institution: String?
    public var status: DegreeStatus
    public var year: Int?

    public init(
        level: DegreeLevel?, name: String? = nil, field: String?, institution: String?, status: DegreeStatus,
        year: Int?
    ) {
        self.level = level
        self.name = name
        self.field = field
        self.institution = institution
        self.status = status
        self.year = year
    }

    public var description: String {
        var parts = [name ?? level?.rawValue ?? "degree"]
        if let field { parts.append("in \(field)") }
        if let institution { parts.append("(\(institution))") }
        if status == .inProgress { parts.append("[in progress]") }
        if let year { parts.append(String(year)) }
        return parts.joined(separator: " ")
    }
}

/// CEFR levels, plus native.
public enum LanguageLevel: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    case a1 = "A1", a2 = "A2", b1 = "B1", b2 = "B2", c1 = "C1", c2 = "C2"
    case native

    public var rank: Int { Self.allCases.firstIndex(of: self) ?? 0 }

    public static func < (a: LanguageLevel, b: LanguageLevel) -> Bool { a.rank < b.rank }
}

/// A language a person speaks (ISO 639-1 code) and how well, when stated.
public struct LanguageSkill: Sendable, Hashable, Codable {
    public var code: String
    public var level: LanguageLevel?

    public init(code: String, level: LanguageLevel?) {
        self.code = code
        self.level = level
    }
}
