//! Build timestamps (`SOURCE_DATE_EPOCH`) as calendar dates, shared by every
//! format that stamps a date (zip entries, PDF metadata, EPUB modified).

/// A UTC date and time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UtcDateTime {
    pub year: i64,
    pub month: u8,
    pub day: u8,
    pub hour: u8,
    pub minute: u8,
    pub second: u8,
}

impl UtcDateTime {
    /// Seconds since 1970-01-01T00:00:00Z.
    pub fn from_epoch(secs: i64) -> UtcDateTime {
        let (year, month, day) = civil_from_days(secs.div_euclid(86_400));
        let rem = secs.rem_euclid(86_400);
        UtcDateTime {
            year,
            month,
            day,
            hour: (rem / 3600) as u8,
            minute: (rem % 3600 / 60) as u8,
            second: (rem % 60) as u8,
        }
    }

    /// `CCYY-MM-DDThh:mm:ssZ`, for years 1–9999.
    pub fn iso8601(&self) -> Option<String> {
        (1..=9999).contains(&self.year).then(|| {
            format!(
                "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z",
                self.year, self.month, self.day, self.hour, self.minute, self.second
            )
        })
    }
}

/// Days since 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's
/// `civil_from_days`), to avoid a date crate for one conversion.
fn civil_from_days(days: i64) -> (i64, u8, u8) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u8;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_instants() {
        assert_eq!(UtcDateTime::from_epoch(0).iso8601().unwrap(), "1970-01-01T00:00:00Z");
        assert_eq!(UtcDateTime::from_epoch(1_700_000_000).iso8601().unwrap(), "2023-11-14T22:13:20Z");
        // Leap day, and a time before the epoch.
        assert_eq!(UtcDateTime::from_epoch(951_782_400).iso8601().unwrap(), "2000-02-29T00:00:00Z");
        assert_eq!(UtcDateTime::from_epoch(-1).iso8601().unwrap(), "1969-12-31T23:59:59Z");
    }
}
