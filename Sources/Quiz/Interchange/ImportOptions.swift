/// Settings for an import.
public struct ImportOptions: Sendable {
    /// Domain for questions whose source says nothing usable (GIFT categories can name one).
    public var domain: String
    /// Prefix for generated ids (default: the file name).
    public var idPrefix: String?

    public init(domain: String = ExamDomain.development.id, idPrefix: String? = nil) {
        self.domain = domain
        self.idPrefix = idPrefix
    }
}
