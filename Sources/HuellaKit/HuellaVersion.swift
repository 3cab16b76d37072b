/// huella's version, as the User-Agent and reports show it.
public enum HuellaVersion {
    public static let current = "0.1.0"
}
