import Foundation

/// Parses the `Retry-After` header (RFC 9110 §10.2.3): either delay-seconds or
/// an HTTP-date. Servers that rate-limit us say when to come back; honouring it
/// is what keeps a poller from being blocked.
public enum RetryAfter {
    /// The moment to retry at, or nil when the value is neither form.
    /// - Parameter now: the reference for delay-seconds; injected for tests.
    public static func parse(_ value: String, now: Date) -> Date? {
        let trimmed = value.trimmingCharacters(in: .whitespaces)
        if !trimmed.isEmpty, trimmed.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) {
            guard let seconds = Int(trimmed) else { return nil }
            return now.addingTimeInterval(TimeInterval(seconds))
        }
        return httpDate(trimmed)
    }

    /// IMF-fixdate, plus the obsolete RFC 850 and asctime forms recipients must accept.
    static func httpDate(_ text: String) -> Date? {
        let formats = [
            "EEE, dd MMM yyyy HH:mm:ss zzz",
            "EEEE, dd-MMM-yy HH:mm:ss zzz",
            "EEE MMM d HH:mm:ss yyyy",
        ]
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        for format in formats {
            formatter.dateFormat = format
            if let date = formatter.date(from: text) { return date }
        }
        return nil
    }
}
