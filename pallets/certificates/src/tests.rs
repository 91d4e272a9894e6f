//! The rules of the certificate registry, the credit record and the admission gate, one test
//! per rule and per bad input.

use crate::{mock::*, *};
// The pallet, not the storage item of the same name.
use crate::mock::Certificates;
use frame_support::{assert_noop, assert_ok, dispatch::DispatchInfo, pallet_prelude::*};
use sp_core::{Pair, H256};
use sp_runtime::{
	traits::{DispatchTransaction, ValidateUnsigned},
	transaction_validity::TransactionSource::External,
	DispatchError,
};

/// Registers `cert` presented with the CA key `key` and `signature` (an unsigned call).
fn register_with(
	cert: CertificatePayloadOf<Test>,
	key: AuthorityKey,
	signature: AuthoritySignature,
) -> DispatchResult {
	Certificates::register_certificate(RuntimeOrigin::none(), cert, key, signature)
}

/// Revokes with `revocation` presented with the CA key `key` and `signature` (an unsigned
/// call).
fn revoke(
	revocation: RevocationPayload,
	key: AuthorityKey,
	signature: AuthoritySignature,
) -> DispatchResult {
	Certificates::revoke_certificate(RuntimeOrigin::none(), revocation, key, signature)
}

/// `supervisor` records a violation of `subject`.
fn record_violation(
	supervisor: sp_runtime::AccountId32,
	subject: sp_runtime::AccountId32,
	severity: Severity,
	evidence: H256,
	expires_at: u64,
	bar: Option<Bar>,
) -> DispatchResult {
	Certificates::record_violation(
		RuntimeOrigin::signed(supervisor),
		subject,
		severity,
		evidence,
		expires_at,
		bar,
	)
}

/// `supervisor` records a minor violation of `subject`, without evidence or bar, for a day.
fn minor_violation(
	supervisor: sp_runtime::AccountId32,
	subject: sp_runtime::AccountId32,
) -> DispatchResult {
	record_violation(supervisor, subject, Severity::Minor, H256::zero(), NOW + DAY, None)
}

/// CA 0's certificate number `serial` for a bidder, account 10.
fn bidder_payload(serial: u64) -> CertificatePayloadOf<Test> {
	payload(0, serial, account(10), &[Role::Bidder])
}

/// Registers `cert` signed with `ca_pair(signer)` and presented with the key of `ca_pair(key)`.
fn register_signed(cert: CertificatePayloadOf<Test>, signer: u8, key: u8) -> DispatchResult {
	let signature = sign(&ca_pair(signer), CERTIFICATE_SIGNING_TAG, &cert);
	register_with(cert, ca_pair(key).public().0, signature)
}

/// Registers `cert` signed by CA 0's key (`ca_pair(1)`).
fn register(cert: CertificatePayloadOf<Test>) -> DispatchResult {
	register_signed(cert, 1, 1)
}

fn certify(n: u8, serial: u64, roles: &[Role]) -> sp_runtime::AccountId32 {
	assert_ok!(register(payload(0, serial, account(n), roles)));
	account(n)
}

fn revocation(serial: u64) -> (RevocationPayload, AuthoritySignature) {
	let r = RevocationPayload { genesis_hash: genesis(), authority: 0, serial };
	let s = sign(&ca_pair(1), REVOCATION_SIGNING_TAG, &r);
	(r, s)
}

fn set_now(ms: u64) {
	Timestamp::set_timestamp(ms);
}

// --- Certificate authorities ---

#[test]
fn genesis_admits_the_founding_authority() {
	new_test_ext().execute_with(|| {
		let ca = Authorities::<Test>::get(0).expect("CA 0 admitted");
		assert_eq!(ca.city, city(b"LZ"));
		assert_eq!(AuthorityOfKey::<Test>::get(ca_pair(1).public().0), Some(0));
		assert_eq!(NextAuthorityId::<Test>::get(), 1);
	});
}

#[test]
fn consortium_admits_an_authority_and_its_keys() {
	new_test_ext().execute_with(|| {
		let keys = vec![ca_pair(2).public().0, ca_pair(3).public().0].try_into().unwrap();
		assert_ok!(Certificates::admit_authority(
			RuntimeOrigin::root(),
			b"Baiyin CA".to_vec(),
			city(b"BY"),
			keys,
			NOW,
			NOW + DAY
		));
		System::assert_last_event(
			Event::AuthorityAdmitted { authority: 1, city: city(b"BY") }.into(),
		);
		assert_eq!(AuthorityOfKey::<Test>::get(ca_pair(3).public().0), Some(1));
	});
}

#[test]
fn only_the_consortium_admits_authorities() {
	new_test_ext().execute_with(|| {
		let keys = vec![ca_pair(2).public().0].try_into().unwrap();
		assert_noop!(
			Certificates::admit_authority(
				RuntimeOrigin::signed(account(5)),
				b"CA".to_vec(),
				city(b"BY"),
				keys,
				NOW,
				NOW + DAY
			),
			DispatchError::BadOrigin
		);
	});
}

#[test]
fn authority_needs_keys_a_window_a_known_city_and_unused_keys() {
	new_test_ext().execute_with(|| {
		let k = |pairs: &[u8]| -> BoundedVec<AuthorityKey, ConstU32<3>> {
			pairs.iter().map(|n| ca_pair(*n).public().0).collect::<Vec<_>>().try_into().unwrap()
		};
		let admit = |keys, city, from, until| {
			Certificates::admit_authority(
				RuntimeOrigin::root(),
				b"CA".to_vec(),
				city,
				keys,
				from,
				until,
			)
		};
		assert_noop!(admit(k(&[]), city(b"BY"), NOW, NOW + DAY), Error::<Test>::NoAuthorityKeys);
		assert_noop!(admit(k(&[2]), city(b"BY"), NOW, NOW), Error::<Test>::InvalidValidityWindow);
		assert_noop!(admit(k(&[2]), city(b"XX"), NOW, NOW + DAY), Error::<Test>::UnknownCity);
		assert_noop!(admit(k(&[1]), city(b"BY"), NOW, NOW + DAY), Error::<Test>::AuthorityKeyInUse);
		assert_noop!(
			admit(k(&[2, 2]), city(b"BY"), NOW, NOW + DAY),
			Error::<Test>::AuthorityKeyInUse
		);
		assert_noop!(
			Certificates::admit_authority(
				RuntimeOrigin::root(),
				vec![b'x'; 33],
				city(b"BY"),
				k(&[2]),
				NOW,
				NOW + DAY
			),
			Error::<Test>::NameTooLong
		);
	});
}

#[test]
fn removed_authority_stays_on_record_and_its_certificates_stop_counting() {
	new_test_ext().execute_with(|| {
		let bidder = certify(10, 1, &[Role::Bidder]);
		assert_ok!(Certificates::remove_authority(RuntimeOrigin::root(), 0));
		assert!(Authorities::<Test>::get(0).expect("kept").removed_at.is_some());
		assert_noop!(
			Certificates::ensure_role(&bidder, Role::Bidder),
			Error::<Test>::AuthorityRemoved
		);
		assert_noop!(
			register(payload(0, 2, account(11), &[Role::Bidder])),
			Error::<Test>::AuthorityRemoved
		);
		assert_noop!(
			Certificates::remove_authority(RuntimeOrigin::root(), 0),
			Error::<Test>::AuthorityRemoved
		);
		assert_noop!(
			Certificates::remove_authority(RuntimeOrigin::root(), 7),
			Error::<Test>::UnknownAuthority
		);
	});
}

// --- Registration ---

#[test]
fn a_signed_certificate_registers_and_the_account_can_then_sign() {
	new_test_ext().execute_with(|| {
		assert_eq!(System::providers(&account(10)), 0);
		let who = certify(10, 1, &[Role::Bidder]);
		System::assert_last_event(
			Event::CertificateRegistered {
				account: who.clone(),
				authority: 0,
				serial: 1,
				roles: Roles::of(&[Role::Bidder]),
				city: city(b"LZ"),
			}
			.into(),
		);
		assert_eq!(System::providers(&who), 1);
		assert_ok!(Certificates::ensure_role(&who, Role::Bidder));
		assert_eq!(Certificates::city_of(&who), Some(city(b"LZ")));
		assert_eq!(Certificates::identity_of(&who), Some(H256::repeat_byte(1)));
	});
}

#[test]
fn a_forged_signature_is_refused() {
	new_test_ext().execute_with(|| {
		assert_noop!(register_signed(bidder_payload(1), 9, 1), Error::<Test>::BadSignature);
	});
}

#[test]
fn a_certificate_altered_after_signing_is_refused() {
	new_test_ext().execute_with(|| {
		let mut cert = bidder_payload(1);
		let signature = sign(&ca_pair(1), CERTIFICATE_SIGNING_TAG, &cert);
		cert.roles = Roles::of(&[Role::Bidder, Role::Tenderer]);
		assert_noop!(
			register_with(cert, ca_pair(1).public().0, signature),
			Error::<Test>::BadSignature
		);
	});
}

#[test]
fn a_certificate_of_an_unknown_authority_or_key_is_refused() {
	new_test_ext().execute_with(|| {
		assert_noop!(
			register(payload(5, 1, account(10), &[Role::Bidder])),
			Error::<Test>::UnknownAuthority
		);
		assert_noop!(register_signed(bidder_payload(1), 9, 9), Error::<Test>::KeyNotOfAuthority);
	});
}

#[test]
fn an_expired_or_not_yet_valid_certificate_is_refused() {
	new_test_ext().execute_with(|| {
		let mut cert = bidder_payload(1);
		cert.valid_until = NOW;
		assert_noop!(register(cert), Error::<Test>::CertificateExpired);
		let mut cert = bidder_payload(2);
		cert.valid_from = NOW + DAY;
		assert_noop!(register(cert), Error::<Test>::CertificateExpired);
	});
}

#[test]
fn a_certificate_for_another_chain_is_refused() {
	new_test_ext().execute_with(|| {
		let mut cert = bidder_payload(1);
		cert.genesis_hash = H256::repeat_byte(1);
		assert_noop!(register(cert), Error::<Test>::CertificateForAnotherChain);
	});
}

#[test]
fn a_serial_is_registered_once() {
	new_test_ext().execute_with(|| {
		certify(10, 1, &[Role::Bidder]);
		assert_noop!(
			register(payload(0, 1, account(11), &[Role::Bidder])),
			Error::<Test>::DuplicateSerial
		);
	});
}

#[test]
fn roles_must_be_known_and_supervisors_cannot_trade() {
	new_test_ext().execute_with(|| {
		assert_noop!(register(payload(0, 1, account(10), &[])), Error::<Test>::InvalidRoles);
		let mut cert = bidder_payload(1);
		cert.roles = Roles(1 << 12);
		assert_noop!(register(cert), Error::<Test>::InvalidRoles);
		assert_noop!(
			register(payload(0, 1, account(10), &[Role::Supervisor, Role::Bidder])),
			Error::<Test>::SupervisorCannotTrade
		);
		assert_ok!(register(payload(0, 1, account(10), &[Role::Supervisor, Role::Auditor])));
	});
}

#[test]
fn a_certificate_names_a_consortium_city() {
	new_test_ext().execute_with(|| {
		let mut cert = bidder_payload(1);
		cert.city = city(b"SH");
		assert_noop!(register(cert), Error::<Test>::UnknownCity);
	});
}

#[test]
fn a_renewal_replaces_the_certificate() {
	new_test_ext().execute_with(|| {
		let who = certify(10, 1, &[Role::Bidder]);
		certify(10, 2, &[Role::Bidder, Role::Tenderer]);
		assert_eq!(Certificates::valid_certificate(&who).map(|c| c.serial).ok(), Some(2));
		assert_ok!(Certificates::ensure_role(&who, Role::Tenderer));
		assert_eq!(System::providers(&who), 1);
	});
}

#[test]
fn a_renewed_certificates_old_serial_is_not_revoked_again() {
	new_test_ext().execute_with(|| {
		let who = certify(10, 1, &[Role::Bidder]);
		certify(10, 2, &[Role::Bidder]);
		let (r, s) = revocation(1);
		assert_noop!(revoke(r, ca_pair(1).public().0, s), Error::<Test>::CertificateSuperseded);
		assert_ok!(Certificates::ensure_role(&who, Role::Bidder));
	});
}

// --- Use of roles ---

#[test]
fn acting_outside_ones_role_is_refused() {
	new_test_ext().execute_with(|| {
		let bidder = certify(10, 1, &[Role::Bidder]);
		assert_noop!(
			Certificates::ensure_role(&bidder, Role::Tenderer),
			Error::<Test>::RoleNotHeld
		);
		assert_noop!(
			Certificates::ensure_role(&account(99), Role::Bidder),
			Error::<Test>::NotCertified
		);
	});
}

#[test]
fn expiry_is_checked_when_a_role_is_used() {
	new_test_ext().execute_with(|| {
		let bidder = certify(10, 1, &[Role::Bidder]);
		set_now(NOW + 365 * DAY);
		assert_noop!(
			Certificates::ensure_role(&bidder, Role::Bidder),
			Error::<Test>::CertificateExpired
		);
	});
}

// --- Revocation ---

#[test]
fn the_issuing_authority_revokes_with_a_signed_revocation() {
	new_test_ext().execute_with(|| {
		let bidder = certify(10, 1, &[Role::Bidder]);
		let (r, s) = revocation(1);
		assert_ok!(revoke(r.clone(), ca_pair(1).public().0, s));
		System::assert_last_event(
			Event::CertificateRevoked {
				account: bidder.clone(),
				authority: 0,
				serial: 1,
				by_consortium: false,
			}
			.into(),
		);
		assert_noop!(
			Certificates::ensure_role(&bidder, Role::Bidder),
			Error::<Test>::CertificateRevoked
		);
		assert_noop!(revoke(r, ca_pair(1).public().0, s), Error::<Test>::AlreadyRevoked);
	});
}

#[test]
fn a_revocation_needs_the_issuers_key_and_a_known_serial() {
	new_test_ext().execute_with(|| {
		certify(10, 1, &[Role::Bidder]);
		let (r, _) = revocation(1);
		let by_other = sign(&ca_pair(9), REVOCATION_SIGNING_TAG, &r);
		assert_noop!(
			revoke(r.clone(), ca_pair(9).public().0, by_other),
			Error::<Test>::KeyNotOfAuthority
		);
		let (_, good) = revocation(1);
		let mut altered = r.clone();
		altered.serial = 2;
		assert_noop!(revoke(altered, ca_pair(1).public().0, good), Error::<Test>::BadSignature);
		let (r7, s7) = revocation(7);
		assert_noop!(revoke(r7, ca_pair(1).public().0, s7), Error::<Test>::UnknownSerial);
	});
}

#[test]
fn the_consortium_revokes_any_certificate() {
	new_test_ext().execute_with(|| {
		let bidder = certify(10, 1, &[Role::Bidder]);
		assert_noop!(
			Certificates::revoke_by_consortium(RuntimeOrigin::signed(account(3)), bidder.clone()),
			DispatchError::BadOrigin
		);
		assert_ok!(Certificates::revoke_by_consortium(RuntimeOrigin::root(), bidder.clone()));
		assert_noop!(
			Certificates::ensure_role(&bidder, Role::Bidder),
			Error::<Test>::CertificateRevoked
		);
		assert_noop!(
			Certificates::revoke_by_consortium(RuntimeOrigin::root(), account(99)),
			Error::<Test>::NotCertified
		);
	});
}

#[test]
fn unsigned_submissions_are_checked_in_the_pool() {
	new_test_ext().execute_with(|| {
		let cert = bidder_payload(1);
		let good = sign(&ca_pair(1), CERTIFICATE_SIGNING_TAG, &cert);
		let call = Call::register_certificate {
			certificate: cert.clone(),
			key: ca_pair(1).public().0,
			signature: good,
		};
		assert_ok!(Certificates::validate_unsigned(External, &call));
		let forged = sign(&ca_pair(9), CERTIFICATE_SIGNING_TAG, &cert);
		let call = Call::register_certificate {
			certificate: cert,
			key: ca_pair(1).public().0,
			signature: forged,
		};
		let code = Error::<Test>::BadSignature.encode()[0];
		assert_eq!(
			Certificates::validate_unsigned(External, &call),
			Err(InvalidTransaction::Custom(code).into())
		);
	});
}

// --- Credit records and blacklists ---

fn supervisor() -> sp_runtime::AccountId32 {
	certify(20, 20, &[Role::Supervisor])
}

/// A supervisor, and a bidder (account 10, serial 1).
fn supervisor_and_bidder() -> (sp_runtime::AccountId32, sp_runtime::AccountId32) {
	(supervisor(), certify(10, 1, &[Role::Bidder]))
}

#[test]
fn a_supervisor_records_a_violation_that_bars_everywhere() {
	new_test_ext().execute_with(|| {
		let (sup, bidder) = supervisor_and_bidder();
		assert_ok!(record_violation(
			sup.clone(),
			bidder.clone(),
			Severity::Severe,
			H256::repeat_byte(0xee),
			NOW + 30 * DAY,
			Some(Bar::Bidding)
		));
		System::assert_last_event(
			Event::ViolationRecorded {
				subject: bidder.clone(),
				supervisor: sup,
				severity: Severity::Severe,
				bar: Some(Bar::Bidding),
				expires_at: NOW + 30 * DAY,
				evidence: H256::repeat_byte(0xee),
			}
			.into(),
		);
		assert_noop!(Certificates::ensure_not_barred(&bidder, Bar::Bidding), Error::<Test>::Barred);
		assert_ok!(Certificates::ensure_not_barred(&bidder, Bar::Evaluation));
		assert_eq!(CreditRecords::<Test>::get(&bidder).len(), 1);
	});
}

#[test]
fn a_bar_ends_when_it_expires() {
	new_test_ext().execute_with(|| {
		let sup = supervisor();
		let expert = certify(11, 2, &[Role::Expert]);
		assert_ok!(record_violation(
			sup,
			expert.clone(),
			Severity::Serious,
			H256::zero(),
			NOW + DAY,
			Some(Bar::Evaluation)
		));
		assert!(Certificates::is_barred(&expert, Bar::Evaluation));
		set_now(NOW + DAY);
		assert!(!Certificates::is_barred(&expert, Bar::Evaluation));
	});
}

#[test]
fn only_a_supervisor_records_violations() {
	new_test_ext().execute_with(|| {
		let bidder = certify(10, 1, &[Role::Bidder]);
		let other = certify(11, 2, &[Role::Tenderer]);
		assert_noop!(minor_violation(other, bidder), Error::<Test>::RoleNotHeld);
	});
}

#[test]
fn a_violation_needs_a_certified_subject_and_a_future_expiry() {
	new_test_ext().execute_with(|| {
		let (sup, bidder) = supervisor_and_bidder();
		assert_noop!(minor_violation(sup.clone(), account(99)), Error::<Test>::NotCertified);
		assert_noop!(
			record_violation(sup, bidder, Severity::Minor, H256::zero(), NOW, None),
			Error::<Test>::ExpiryInPast
		);
	});
}

#[test]
fn the_consortium_lifts_a_bar_and_the_lift_is_kept() {
	new_test_ext().execute_with(|| {
		let (sup, bidder) = supervisor_and_bidder();
		assert_noop!(
			Certificates::lift_bar(
				RuntimeOrigin::root(),
				bidder.clone(),
				Bar::Bidding,
				H256::zero()
			),
			Error::<Test>::NotBarred
		);
		assert_ok!(record_violation(
			sup,
			bidder.clone(),
			Severity::Severe,
			H256::zero(),
			NOW + DAY,
			Some(Bar::Bidding)
		));
		assert_noop!(
			Certificates::lift_bar(
				RuntimeOrigin::signed(account(3)),
				bidder.clone(),
				Bar::Bidding,
				H256::zero()
			),
			DispatchError::BadOrigin
		);
		assert_ok!(Certificates::lift_bar(
			RuntimeOrigin::root(),
			bidder.clone(),
			Bar::Bidding,
			H256::repeat_byte(1)
		));
		assert!(!Certificates::is_barred(&bidder, Bar::Bidding));
		let record = CreditRecords::<Test>::get(&bidder);
		assert_eq!(record.len(), 2);
		assert_eq!(record[1].event, CreditEvent::Lifted { bar: Bar::Bidding });
	});
}

#[test]
fn a_full_credit_record_refuses_more_entries() {
	new_test_ext().execute_with(|| {
		let (sup, bidder) = supervisor_and_bidder();
		for _ in 0..4 {
			assert_ok!(minor_violation(sup.clone(), bidder.clone()));
		}
		assert_noop!(minor_violation(sup, bidder), Error::<Test>::TooManyCreditEntries);
	});
}

// --- The admission gate ---

fn remark() -> RuntimeCall {
	RuntimeCall::System(frame_system::Call::remark { remark: vec![] })
}

fn gate(who: &sp_runtime::AccountId32) -> Result<(), TransactionValidityError> {
	CheckCertificate::<Test>::new()
		.validate_and_prepare(Some(who.clone()).into(), &remark(), &DispatchInfo::default(), 0, 0)
		.map(|_| ())
}

fn refused(code: u8) -> Result<(), TransactionValidityError> {
	Err(InvalidTransaction::Custom(code).into())
}

#[test]
fn the_gate_refuses_an_uncertified_account_and_admits_a_certified_one() {
	new_test_ext().execute_with(|| {
		assert_eq!(gate(&account(10)), refused(admission::NOT_CERTIFIED));
		let bidder = certify(10, 1, &[Role::Bidder]);
		assert_ok!(gate(&bidder));
	});
}

#[test]
fn the_gate_refuses_revoked_and_expired_certificates() {
	new_test_ext().execute_with(|| {
		let bidder = certify(10, 1, &[Role::Bidder]);
		let expert = certify(11, 2, &[Role::Expert]);
		assert_ok!(Certificates::revoke_by_consortium(RuntimeOrigin::root(), bidder.clone()));
		assert_eq!(gate(&bidder), refused(admission::CERTIFICATE_REVOKED));
		set_now(NOW + 365 * DAY);
		assert_eq!(gate(&expert), refused(admission::CERTIFICATE_EXPIRED));
	});
}

#[test]
fn the_gate_admits_trading_centres_without_a_certificate() {
	new_test_ext().execute_with(|| {
		assert_ok!(gate(&TRADING_CENTRE));
		assert_ok!(gate(&TRADING_CENTRE));
		assert_ok!(gate(&TRADING_CENTRE));
		assert_ok!(gate(&TRADING_CENTRE));
	});
}

#[test]
fn the_rate_limit_stops_a_flood_and_resets_with_the_window() {
	new_test_ext().execute_with(|| {
		let bidder = certify(10, 1, &[Role::Bidder]);
		for _ in 0..3 {
			assert_ok!(gate(&bidder));
		}
		assert_eq!(gate(&bidder), refused(admission::RATE_LIMITED));
		System::set_block_number(11);
		assert_ok!(gate(&bidder));
	});
}

#[test]
fn unsigned_transactions_pass_the_gate() {
	use sp_runtime::traits::{TransactionExtension, TxBaseImplication};
	new_test_ext().execute_with(|| {
		let (_, val, _) = CheckCertificate::<Test>::new()
			.validate(
				RuntimeOrigin::none(),
				&remark(),
				&DispatchInfo::default(),
				0,
				(),
				&TxBaseImplication(remark()),
				External,
			)
			.expect("an unsigned origin is not the gate's business");
		assert!(val.is_none());
	});
}
