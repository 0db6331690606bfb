import LambdaModel
import TutorSupport

/// The tutor's version, shown by `--version` and `version`.
package enum TutorVersion {
    package static let current = "0.1.0"
    package static var factsCheckedOn: String { Facts.checkedOn }
}
