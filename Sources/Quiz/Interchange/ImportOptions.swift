/// Settings for an import.
package struct ImportOptions: Sendable {
    /// Domain for questions whose source says nothing usable (GIFT categories can name one).
    package var domain: String
    /// Prefix for generated ids (default: the file name).
    package var idPrefix: String?

    package init(domain: String = ExamDomain.development.id, idPrefix: String? = nil) {
        self.domain = domain
        self.idPrefix = idPrefix
    }
}
