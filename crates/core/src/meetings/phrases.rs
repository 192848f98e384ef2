//! The phrases documents build from a meeting's fields, so that they read right whatever the
//! secretary typed: the meeting's name from its form and subject (never "cuộc họp Phiên họp"),
//! and honorifics in lower case inside a sentence ("dự thay ông Hồ Sỹ Nam").

use super::types::MeetingForm;
use crate::text::clean;

/// Form words a subject may start with, in lower case, with the form each one names; `None`
/// for a bare "họp", which names no form of its own. Compared with their diacritics: folded,
/// "họp" would also take the "Hợp" of "Hợp tác…".
const FORM_WORDS: [(&[&str], Option<MeetingForm>); 5] = [
    (&["phiên", "họp"], Some(MeetingForm::Session)),
    (&["hội", "nghị"], Some(MeetingForm::Conference)),
    (&["buổi", "làm", "việc"], Some(MeetingForm::WorkingSession)),
    (&["cuộc", "họp"], Some(MeetingForm::Meeting)),
    (&["họp"], None),
];

/// Takes the form words off the front of a typed subject: "Phiên họp Ban Chỉ đạo …" →
/// (Session, "Ban Chỉ đạo …"); "Cuộc họp Tổ Công tác …" → (Meeting, "Tổ Công tác …"). A
/// form typed wins over the one chosen; a specific one (phiên họp, hội nghị, buổi làm việc)
/// over "cuộc họp"; a bare "Họp …" keeps the chosen form. Repeated form words all go ("Cuộc
/// họp Phiên họp X" → Session, "X").
pub fn split_form(chosen: MeetingForm, subject: &str) -> (MeetingForm, String) {
    let cleaned = clean(subject);
    let mut words: Vec<&str> = cleaned.split(' ').filter(|w| !w.is_empty()).collect();
    let mut specific: Option<MeetingForm> = None;
    let mut meeting = false;
    'strip: loop {
        for (pattern, form) in FORM_WORDS {
            let n = pattern.len();
            if words.len() >= n && words[..n].iter().zip(pattern.iter()).all(|(w, p)| w.to_lowercase() == *p) {
                words.drain(..n);
                match form {
                    Some(MeetingForm::Meeting) => meeting = true,
                    Some(f) => specific = specific.or(Some(f)),
                    None => {}
                }
                continue 'strip;
            }
        }
        break;
    }
    let form = specific.or(meeting.then_some(MeetingForm::Meeting)).unwrap_or(chosen);
    (form, words.join(" "))
}

/// "Phiên họp Ban Chỉ đạo …" — at the start of a line, a heading or a list.
pub fn title(form: MeetingForm, subject: &str) -> String {
    join(form.label(), subject)
}

/// "Phiên họp Ban Chỉ đạo …" / "cuộc họp Tổ Công tác …" — inside a sentence.
pub fn in_sentence(form: MeetingForm, subject: &str) -> String {
    join(form.in_sentence(), subject)
}

/// The Giấy mời's subject: "Họp Tổ Công tác …" for a cuộc họp (what offices write), the
/// title otherwise ("Phiên họp Ban Chỉ đạo …", "Hội nghị …").
pub fn invitation_subject(form: MeetingForm, subject: &str) -> String {
    match form {
        MeetingForm::Meeting => join("Họp", subject),
        f => title(f, subject),
    }
}

fn join(a: &str, b: &str) -> String {
    if b.is_empty() {
        a.to_string()
    } else {
        format!("{a} {b}")
    }
}

const HONORIFICS: [(&str, &str); 2] = [("Ông", "ông"), ("Bà", "bà")];

/// A name inside a sentence: "Ông Hồ Sỹ Nam" → "ông Hồ Sỹ Nam" (also in "Ông A, Giám đốc …").
pub fn mid(name: &str) -> String {
    for (upper, lower) in HONORIFICS {
        if let Some(rest) = name.strip_prefix(upper).filter(|r| r.starts_with(' ')) {
            return format!("{lower}{rest}");
        }
    }
    name.to_string()
}

/// A name at the start of a line or sentence: "bà Lê Thị Hoa" → "Bà Lê Thị Hoa".
pub fn start(name: &str) -> String {
    for (upper, lower) in HONORIFICS {
        if let Some(rest) = name.strip_prefix(lower).filter(|r| r.starts_with(' ')) {
            return format!("{upper}{rest}");
        }
    }
    name.to_string()
}

/// "Ông Võ Trọng Phú" → "Võ Trọng Phú" (a signer's name carries no honorific).
pub fn without_honorific(name: &str) -> String {
    for (upper, lower) in HONORIFICS {
        for h in [upper, lower] {
            if let Some(rest) = name.strip_prefix(h).and_then(|r| r.strip_prefix(' ')) {
                return rest.to_string();
            }
        }
    }
    name.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use MeetingForm::*;

    #[test]
    fn a_typed_form_word_becomes_the_form() {
        let s = "Ban Chỉ đạo Chuyển đổi số tỉnh quý III năm 2024";
        assert_eq!(split_form(Meeting, &format!("Phiên họp {s}")), (Session, s.to_string()));
        assert_eq!(split_form(Meeting, &format!("  phiên   họp {s}")), (Session, s.to_string()));
        assert_eq!(split_form(Meeting, &format!("Cuộc họp Phiên họp {s}")), (Session, s.to_string()));
        assert_eq!(split_form(Session, "Họp Tổ Công tác quý III"), (Session, "Tổ Công tác quý III".into()));
        assert_eq!(split_form(Meeting, "Họp Tổ Công tác quý III"), (Meeting, "Tổ Công tác quý III".into()));
        assert_eq!(split_form(Session, "Cuộc họp Tổ Công tác"), (Meeting, "Tổ Công tác".into()));
        assert_eq!(split_form(Meeting, "Họp họp Tổ Công tác"), (Meeting, "Tổ Công tác".into()));
        assert_eq!(split_form(Meeting, "Hội nghị sơ kết 6 tháng"), (Conference, "sơ kết 6 tháng".into()));
        assert_eq!(split_form(Meeting, "Buổi làm việc với Sở Y tế"), (WorkingSession, "với Sở Y tế".into()));
        assert_eq!(split_form(Conference, "Tổng kết năm 2024"), (Conference, "Tổng kết năm 2024".into()));
        assert_eq!(split_form(Session, "Phiên họp"), (Session, String::new()));
        // A word that only begins like a form word stays.
        assert_eq!(split_form(Meeting, "Hợp tác số với Viettel"), (Meeting, "Hợp tác số với Viettel".into()));
    }

    #[test]
    fn phrases_never_double_the_form() {
        let (f, s) = split_form(Meeting, "Phiên họp Ban Chỉ đạo quý III năm 2024");
        assert_eq!(title(f, &s), "Phiên họp Ban Chỉ đạo quý III năm 2024");
        assert_eq!(format!("tại {}", in_sentence(f, &s)), "tại Phiên họp Ban Chỉ đạo quý III năm 2024");
        let (f, s) = split_form(Meeting, "Họp Tổ Công tác quý III năm 2024");
        assert_eq!(in_sentence(f, &s), "cuộc họp Tổ Công tác quý III năm 2024");
        assert_eq!(invitation_subject(f, &s), "Họp Tổ Công tác quý III năm 2024");
        assert_eq!(title(f, &s), "Cuộc họp Tổ Công tác quý III năm 2024");
    }

    #[test]
    fn honorifics_follow_their_place() {
        assert_eq!(mid("Ông Hồ Sỹ Nam, Giám đốc Sở Y tế"), "ông Hồ Sỹ Nam, Giám đốc Sở Y tế");
        assert_eq!(mid("Bà Lê Thị Hoa"), "bà Lê Thị Hoa");
        assert_eq!(mid("Lãnh đạo Sở Y tế"), "Lãnh đạo Sở Y tế");
        assert_eq!(mid("Ôngbà"), "Ôngbà");
        assert_eq!(start("bà Lê Thị Hoa"), "Bà Lê Thị Hoa");
        assert_eq!(start("Lê Thị Hoa"), "Lê Thị Hoa");
        assert_eq!(without_honorific("Ông Võ Trọng Phú"), "Võ Trọng Phú");
        assert_eq!(without_honorific("bà Lê Thị Hoa"), "Lê Thị Hoa");
    }
}
