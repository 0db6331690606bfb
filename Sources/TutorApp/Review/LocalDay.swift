import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A calendar day as a number (days since 1970-01-01), for counting days in a row.
///
/// Why not `Calendar.current.startOfDay`: on Linux, Foundation's calendar and time zone go
/// through ICU, and the first use at start-up (the welcome's streak) loaded about 2 MB of ICU
/// code and time-zone data that the idle REPL then kept resident. The C library reads the same
/// local zone (`TZ`, else `/etc/localtime`) and gives the offset in effect at each instant, which
/// is all a day count needs: the local day is the instant plus its UTC offset, in whole days.
enum LocalDay {
    /// The day `date` falls on in the learner's local time zone.
    static func local(_ date: Date) -> Int {
        var seconds = time_t(date.timeIntervalSince1970.rounded(.down))
        var parts = tm()
        guard localtime_r(&seconds, &parts) != nil else { return utc(date) }
        return floorDays(Int(seconds) + Int(parts.tm_gmtoff))
    }

    /// The day `date` falls on in UTC (tests pin the zone with it).
    static func utc(_ date: Date) -> Int {
        floorDays(Int(date.timeIntervalSince1970.rounded(.down)))
    }

    private static func floorDays(_ seconds: Int) -> Int {
        let (quotient, remainder) = seconds.quotientAndRemainder(dividingBy: 86_400)
        return remainder < 0 ? quotient - 1 : quotient
    }
}
