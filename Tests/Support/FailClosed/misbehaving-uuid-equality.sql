-- A database that answers a user's query with another user's rows, for the fail-closed tests
-- (FailClosedTests, FailClosedCLITests, FailClosedRouteTests).
--
-- An `=` operator for (uuid, uuid) that is always true, in a schema put before pg_catalog on the database's
-- search_path: the source's own, unmodified `WHERE user_id = $1::uuid` then picks the user's operator
-- (an exact match found earlier in the path wins) and matches every user's rows, which come back with
-- their true user_id. Run it after the rows are written: connections opened afterwards get the search_path,
-- and so would the triggers of migration 005 on those connections.
CREATE SCHEMA misbehaving;
CREATE FUNCTION misbehaving.uuid_equal_always(uuid, uuid) RETURNS boolean
    LANGUAGE sql IMMUTABLE AS 'SELECT true';
CREATE OPERATOR misbehaving.= (LEFTARG = uuid, RIGHTARG = uuid, FUNCTION = misbehaving.uuid_equal_always);
DO $$
BEGIN
    EXECUTE format('ALTER DATABASE %I SET search_path = misbehaving, pg_catalog, public', current_database());
END
$$;
