-- The first free slot of a service at each facility is found by walking this index from now
-- (one short range per facility) instead of every future slot of the service.
create index slots_by_service_facility_time on slots (service_id, facility_id, starts_at);
