/// The exam domains questions are filed under, modelled on the AWS Certified Developer –
/// Associate (DVA-C02) guide, with its weights.
///
/// A fixed, small set on purpose: per-domain scores, "what to study next" and weighted
/// sampling only make sense if every bank uses the same names.
public struct ExamDomain: Sendable, Hashable, Codable, Identifiable {
    /// Name used in bank files (`domain: security`).
    public let id: String
    /// Name as the exam guide writes it.
    public let title: String
    /// Share of scored questions on the exam, in percent.
    public let weight: Double

    public static let development = ExamDomain(id: "development", title: "Development with AWS Services", weight: 32)
    public static let security = ExamDomain(id: "security", title: "Security", weight: 26)
    public static let deployment = ExamDomain(id: "deployment", title: "Deployment", weight: 24)
    public static let troubleshooting = ExamDomain(id: "troubleshooting", title: "Troubleshooting and Optimization", weight: 18)

    public static let all: [ExamDomain] = [development, security, deployment, troubleshooting]

    public static func named(_ id: String) -> ExamDomain? {
        all.first { $0.id == id.lowercased() }
    }

    /// The title for a domain id, or the id itself if it is not one of ours.
    public static func title(of id: String) -> String {
        named(id)?.title ?? id
    }
}
