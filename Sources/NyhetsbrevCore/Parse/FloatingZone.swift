import Foundation

/// The zone a date is read in when it names none ("2015-12-16 09:00", an
/// RFC 822 date without zone): Swedish sources are read as Swedish time,
/// the rest as UTC.
///
/// Sweden and UTC are computed, not looked up: a Foundation `TimeZone` for
/// a named zone loads ICU's time-zone data, several MB of a fetch cycle's
/// memory for the one zone the sources need. Any other zone still works
/// through Foundation.
public enum FloatingZone: Sendable, Equatable {
    case utc
    case stockholm
    case other(TimeZone)

    public init(_ timeZone: TimeZone) {
        switch timeZone.identifier {
        case "Europe/Stockholm": self = .stockholm
        case "UTC", "GMT", "Etc/UTC", "Etc/GMT": self = .utc
        default: self = .other(timeZone)
        }
    }

    /// The zone of a feed's zone-less dates: the configured one, else Swedish
    /// time for a feed in Swedish (`sv`, `sv-SE`), else UTC.
    static func forFeed(language: String?, configured: TimeZone?) -> FloatingZone {
        if let configured { return FloatingZone(configured) }
        if let language, language.lowercased().hasPrefix("sv") { return .stockholm }
        return .utc
    }

    /// The zone's offset from UTC at an instant (seconds since 1970).
    func secondsFromGMT(atUTC seconds: Int) -> Int {
        switch self {
        case .utc: return 0
        case .stockholm: return StockholmTime.secondsFromGMT(atUTC: seconds)
        case .other(let zone): return zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(seconds)))
        }
    }
}
