//! The tables the demo generator loads, with the columns it fills, in load order (parents before
//! children).

use crate::db::bulk::Table;

pub const T_AUTHORITIES: Table = Table {
    name: "health_authorities",
    columns: &["id", "code", "name", "kind"],
};
pub const T_AREAS: Table = Table {
    name: "areas",
    columns: &["id", "authority_id", "name"],
};
pub const T_FACILITIES: Table = Table {
    name: "facilities",
    columns: &[
        "id",
        "authority_id",
        "area_id",
        "name",
        "kind",
        "town",
        "province",
        "address",
        "latitude",
        "longitude",
        "access_notes_it",
        "access_notes_en",
    ],
};
pub const T_SERVICES: Table = Table {
    name: "services",
    columns: &[
        "id",
        "code",
        "name_it",
        "name_en",
        "kind",
        "discipline",
        "synonyms",
        "ticket_cents",
        "prep_notes_it",
        "prep_notes_en",
    ],
};
pub const T_STAFF: Table = Table {
    name: "staff",
    columns: &[
        "id",
        "username",
        "display_name",
        "role",
        "password_hash",
        "authority_id",
        "created_at",
        "facility_id",
    ],
};
pub const T_CITIZENS: Table = Table {
    name: "citizens",
    columns: &[
        "id",
        "fiscal_code",
        "family_name",
        "given_name",
        "birth_date",
        "phone",
        "email",
    ],
};
pub const T_AGENDAS: Table = Table {
    name: "agendas",
    columns: &[
        "id",
        "facility_id",
        "service_id",
        "label",
        "slot_minutes",
        "created_at",
    ],
};
pub const T_TEMPLATES: Table = Table {
    name: "agenda_templates",
    columns: &[
        "agenda_id",
        "weekday",
        "start_minute",
        "end_minute",
        "reserved_channel",
        "reserved_priority",
        "valid_from",
    ],
};
pub const T_SLOTS: Table = Table {
    name: "slots",
    columns: &[
        "id",
        "agenda_id",
        "service_id",
        "facility_id",
        "starts_at",
        "ends_at",
        "reserved_channel",
        "reserved_priority",
    ],
};
pub const T_PRESCRIPTIONS: Table = Table {
    name: "prescriptions",
    columns: &[
        "id",
        "nre",
        "fiscal_code",
        "service_id",
        "priority",
        "prescribed_on",
        "status",
        "created_at",
    ],
};
pub const T_BOOKINGS: Table = Table {
    name: "bookings",
    columns: &[
        "id",
        "code",
        "slot_id",
        "prescription_id",
        "channel",
        "status",
        "contact_phone",
        "contact_email",
        "staff_id",
        "created_at",
        "updated_at",
        "cancelled_at",
        "cancel_reason",
    ],
};
pub const T_WAITING: Table = Table {
    name: "waiting_list",
    columns: &[
        "prescription_id",
        "service_id",
        "area_id",
        "priority",
        "deadline",
        "channel",
        "created_at",
        "updated_at",
    ],
};
