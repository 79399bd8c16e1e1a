import Foundation

/// Calendar arithmetic without Calendar: turning instants into dates is on
/// the path of every archived and printed entry, where Foundation's
/// Calendar was a measurable cost.
enum CivilDate {
    /// Proleptic Gregorian date of a day count since 1970-01-01 (H. Hinnant's algorithm).
    static func fromDays(_ days: Int) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthPrime = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthPrime + 2) / 5 + 1
        let month = monthPrime < 10 ? monthPrime + 3 : monthPrime - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (the inverse of `fromDays`).
    static func days(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// UTC fields of an instant, to the whole second (rounded down, as JSONEncoder's .iso8601 does).
    static func utcFields(_ date: Date) -> (year: Int, month: Int, day: Int, second: Int) {
        let seconds = Int(date.timeIntervalSince1970.rounded(.down))
        let (days, remainder) = seconds.quotientAndRemainder(dividingBy: 86_400)
        let dayNumber = remainder < 0 ? days - 1 : days
        let (year, month, day) = fromDays(dayNumber)
        return (year, month, day, remainder < 0 ? remainder + 86_400 : remainder)
    }

    /// `2026-11-20T13:05:00Z`: the one date form of every file and JSON output nyhetsbrev writes.
    static func rfc3339(_ date: Date) -> String {
        var bytes: [UInt8] = []
        appendRFC3339(date, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// `rfc3339` written straight into a byte buffer (every line of a partition has two or three).
    static func appendRFC3339(_ date: Date, to bytes: inout [UInt8]) {
        let (year, month, day, second) = utcFields(date)
        if year < 0 { bytes.append(UInt8(ascii: "-")) }
        appendDigits(abs(year), 4, to: &bytes)
        bytes.append(UInt8(ascii: "-"))
        appendDigits(month, 2, to: &bytes)
        bytes.append(UInt8(ascii: "-"))
        appendDigits(day, 2, to: &bytes)
        bytes.append(UInt8(ascii: "T"))
        appendDigits(second / 3600, 2, to: &bytes)
        bytes.append(UInt8(ascii: ":"))
        appendDigits(second % 3600 / 60, 2, to: &bytes)
        bytes.append(UInt8(ascii: ":"))
        appendDigits(second % 60, 2, to: &bytes)
        bytes.append(UInt8(ascii: "Z"))
    }

    /// Reads the form `rfc3339` writes, and the rest of RFC 3339's date-time:
    /// fractional seconds (dropped) and a numeric offset instead of `Z`.
    /// Anything else is nil. The files' dates are read with this rather than
    /// JSONDecoder's `.iso8601`, which goes through Calendar and ICU.
    static func parseRFC3339(_ text: String) -> Date? {
        var text = text
        return text.withUTF8 { b -> Date? in
            func number(_ at: Int, _ width: Int) -> Int? {
                guard at + width <= b.count else { return nil }
                var v = 0
                for i in at..<at + width {
                    guard b[i] >= 0x30, b[i] <= 0x39 else { return nil }
                    v = v * 10 + Int(b[i] - 0x30)
                }
                return v
            }
            guard b.count >= 20, b[4] == 0x2D, b[7] == 0x2D, b[10] == 0x54 || b[10] == 0x74, b[13] == 0x3A, b[16] == 0x3A,
                let year = number(0, 4), let month = number(5, 2), let day = number(8, 2),
                let hour = number(11, 2), let minute = number(14, 2), let second = number(17, 2),
                (1...12).contains(month), (1...daysIn(month: month, year: year)).contains(day),
                hour < 24, minute < 60, second <= 60
            else { return nil }
            var i = 19
            if b[i] == 0x2E {
                i += 1
                let digits = i
                while i < b.count, b[i] >= 0x30, b[i] <= 0x39 { i += 1 }
                guard i > digits else { return nil }
            }
            guard i < b.count else { return nil }
            var offset = 0
            switch b[i] {
            case 0x5A, 0x7A:
                i += 1
            case 0x2B, 0x2D:
                guard let h = number(i + 1, 2), i + 3 < b.count, b[i + 3] == 0x3A, let m = number(i + 4, 2), h < 24, m < 60
                else { return nil }
                offset = (h * 3600 + m * 60) * (b[i] == 0x2D ? -1 : 1)
                i += 6
            default:
                return nil
            }
            guard i == b.count else { return nil }
            let seconds = days(year: year, month: month, day: day) * 86_400 + hour * 3600 + minute * 60 + min(second, 59)
            return Date(timeIntervalSince1970: TimeInterval(seconds - offset))
        }
    }

    /// A non-negative value in at least `width` digits, zero-padded.
    private static func appendDigits(_ value: Int, _ width: Int, to bytes: inout [UInt8]) {
        var divisor = 1
        var count = 1
        while count < width || value / divisor >= 10 {
            divisor *= 10
            count += 1
        }
        while divisor > 0 {
            bytes.append(UInt8(ascii: "0") + UInt8(value / divisor % 10))
            divisor /= 10
        }
    }

    /// A non-negative value in at least `width` digits, zero-padded.
    static func pad(_ value: Int, _ width: Int) -> String {
        var bytes: [UInt8] = []
        appendDigits(value, width, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }
}
