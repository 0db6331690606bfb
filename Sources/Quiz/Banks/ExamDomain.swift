/// The domains questions are filed under: the four of the AWS Certified Developer – Associate
/// (DVA-C02) guide, and the three design domains of the Solutions Architect – Associate
/// (SAA-C03) guide that are not already covered (its "Design Secure Architectures" shares
/// `security`).
///
/// A fixed, small set on purpose: per-domain scores, "what to study next" and weighted
/// sampling only make sense if every bank uses the same names. How much each domain counts on
/// an exam is the preset's business (``ExamPreset/weights``), because one domain can weigh
/// differently on two exams.
package struct ExamDomain: Sendable, Hashable, Codable, Identifiable {
    /// Name used in bank files (`domain: security`).
    package let id: String
    /// Name as the exam guide writes it.
    package let title: String
    /// The exam guides that list the domain.
    package let exams: [String]

    package static let development = ExamDomain(id: "development", title: "Development with AWS Services", exams: ["DVA-C02"])
    package static let security = ExamDomain(id: "security", title: "Security", exams: ["DVA-C02", "SAA-C03"])
    package static let deployment = ExamDomain(id: "deployment", title: "Deployment", exams: ["DVA-C02"])
    package static let troubleshooting = ExamDomain(id: "troubleshooting", title: "Troubleshooting and Optimization", exams: ["DVA-C02"])
    package static let resilience = ExamDomain(id: "resilience", title: "Design Resilient Architectures", exams: ["SAA-C03"])
    package static let performance = ExamDomain(id: "performance", title: "Design High-Performing Architectures", exams: ["SAA-C03"])
    package static let cost = ExamDomain(id: "cost", title: "Design Cost-Optimized Architectures", exams: ["SAA-C03"])

    package static let all: [ExamDomain] = [development, security, deployment, troubleshooting, resilience, performance, cost]

    package static func named(_ id: String) -> ExamDomain? {
        all.first { $0.id == id.lowercased() }
    }

    /// The title for a domain id, or the id itself if it is not one of ours.
    package static func title(of id: String) -> String {
        named(id)?.title ?? id
    }
}
