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
			b"Baiyin CA".to_vec().try_into().unwrap(),
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
				b"CA".to_vec().try_into().unwrap(),
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
				b"CA".to_vec().try_into().unwrap(),
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
		// A name longer than `MaxNameLen` cannot even be decoded as the call's argument.
		let too_long: Result<BoundedVec<u8, ConstU32<32>>, _> = vec![b'x'; 33].try_into();
		assert!(too_long.is_err());
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
				identity: identity_of(&who),
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
		assert_eq!(Certificates::identity_of(&who), Some(identity_of(&who)));
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

/// The attack: a CA the consortium removed (its key perhaps compromised) keeps signing
/// revocations: of registered certificates, marking companies' identities revoked in every
/// CA, and of serials never issued, filling the revoked serials. Only a CA in service revokes.
#[test]
fn attack_removed_ca_revokes_identities() {
	new_test_ext().execute_with(|| {
		let bidder = certify(10, 1, &[Role::Bidder]);
		assert_ok!(Certificates::remove_authority(RuntimeOrigin::root(), 0));
		let (r, sig) = revocation(1);
		assert_noop!(revoke(r, ca_pair(1).public().0, sig), Error::<Test>::AuthorityRemoved);
		let (r, sig) = revocation(999);
		assert_noop!(revoke(r, ca_pair(1).public().0, sig), Error::<Test>::AuthorityRemoved);
		assert!(!RevokedIdentities::<Test>::contains_key(identity_of(&bidder)));
		assert!(!RevokedSerials::<Test>::contains_key(0, 999));
	});
}

/// The attack: a CA certifies supervisors for another city, whose tenders they could then
/// suspend and whose bidders they could bar. Only a city's own CA certifies its supervisors.
#[test]
fn attack_foreign_ca_mints_supervisor_for_other_city() {
	new_test_ext().execute_with(|| {
		// CA 0 is Lanzhou's.
		let mut cert = payload(0, 1, account(10), &[Role::Supervisor]);
		cert.city = city(b"BY");
		assert_noop!(register(cert), Error::<Test>::SupervisorOfAnotherCity);
		// Its own city's supervisor, and a Baiyin bidder (valid in every city), are fine.
		assert_ok!(register(payload(0, 1, account(10), &[Role::Supervisor])));
		let mut bidder = payload(0, 2, account(11), &[Role::Bidder]);
		bidder.city = city(b"BY");
		assert_ok!(register(bidder));
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
fn revoking_a_renewed_certificates_old_serial_leaves_the_renewal() {
	new_test_ext().execute_with(|| {
		let who = certify(10, 1, &[Role::Bidder]);
		certify(10, 2, &[Role::Bidder]);
		let (r, s) = revocation(1);
		assert_ok!(revoke(r, ca_pair(1).public().0, s));
		System::assert_last_event(Event::SerialRevoked { authority: 0, serial: 1 }.into());
		assert!(RevokedSerials::<Test>::contains_key(0, 1));
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
				identity: identity_of(&bidder),
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
				identity: identity_of(&bidder),
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
		assert_eq!(CreditRecords::<Test>::get(identity_of(&bidder)).len(), 1);
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
		let record = CreditRecords::<Test>::get(identity_of(&bidder));
		assert_eq!(record.len(), 2);
		assert_eq!(record[1].event, CreditEvent::Lifted { bar: Bar::Bidding });
	});
}

// --- The admission gate ---

fn remark() -> RuntimeCall {
	RuntimeCall::System(frame_system::Call::remark { remark: vec![] })
}

/// `who` sends `call` of `len` bytes through the gate (validated, and its counter written as
/// at dispatch); the pool priority it gets.
fn send(
	who: &sp_runtime::AccountId32,
	call: &RuntimeCall,
	len: usize,
) -> Result<u64, TransactionValidityError> {
	let (valid, val, origin) = CheckCertificate::<Test>::new().validate_only(
		Some(who.clone()).into(),
		call,
		&DispatchInfo::default(),
		len,
		External,
		0,
	)?;
	use sp_runtime::traits::TransactionExtension;
	CheckCertificate::<Test>::new().prepare(val, &origin, call, &DispatchInfo::default(), len)?;
	Ok(valid.priority)
}

fn gate(who: &sp_runtime::AccountId32) -> Result<(), TransactionValidityError> {
	send(who, &ordinary_call(), 0).map(|_| ())
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

// --- Issue 15: block stuffing ---

/// Account `who`'s nonce in the pool check: `nonce` sent through [`CheckNonceWindow`].
fn send_nonce(who: &sp_runtime::AccountId32, nonce: u32) -> Result<(), TransactionValidityError> {
	CheckNonceWindow::<Test>::from(nonce)
		.validate_only(
			Some(who.clone()).into(),
			&ordinary_call(),
			&DispatchInfo::default(),
			0,
			External,
			0,
		)
		.map(|_| ())
}

#[test]
fn attack_block_stuffing_cannot_delay_bids() {
	new_test_ext().execute_with(|| {
		let flooder = certify(10, 1, &[Role::Bidder]);
		let honest = certify(11, 2, &[Role::Bidder]);
		let budget = <<Test as Config>::MaxBytesPerWindow as Get<u32>>::get() as usize;

		// The remarks the runtime filters never enter the pool, for anyone.
		let big_remark =
			RuntimeCall::System(frame_system::Call::remark_with_event { remark: vec![0; 1024] });
		assert_eq!(send(&flooder, &remark(), 100), Err(refused_code(admission::CALL_FILTERED)));
		assert_eq!(send(&flooder, &big_remark, 1100), Err(refused_code(admission::CALL_FILTERED)));
		assert_eq!(
			send(&TRADING_CENTRE, &remark(), 100),
			Err(refused_code(admission::CALL_FILTERED))
		);

		// One maximum-size block's worth of a call (3.9 MB) is refused outright.
		assert_eq!(
			send(&flooder, &ordinary_call(), 3_900_000),
			Err(refused_code(admission::BYTES_LIMITED))
		);
		// Large calls use up the byte budget long before the count: half the budget, then
		// the rest but one byte, and then nothing more fits.
		assert_eq!(send(&flooder, &ordinary_call(), budget / 2), Ok(0));
		assert_eq!(send(&flooder, &ordinary_call(), budget - budget / 2 - 1), Ok(0));
		assert_eq!(
			send(&flooder, &ordinary_call(), 2),
			Err(refused_code(admission::BYTES_LIMITED))
		);
		let used = RecentTransactions::<Test>::get(&flooder).expect("counted");
		assert_eq!((used.count, used.bytes as usize), (2, budget - 1));

		// Far-future nonces are not queued: at most MaxFutureNonces above the account's.
		let furthest = <<Test as Config>::MaxFutureNonces as Get<u32>>::get();
		assert_ok!(send_nonce(&flooder, 0));
		assert_ok!(send_nonce(&flooder, furthest));
		assert_eq!(
			send_nonce(&flooder, furthest + 1),
			Err(refused_code(admission::TOO_MANY_FUTURE))
		);
		assert_eq!(send_nonce(&flooder, u32::MAX), Err(refused_code(admission::TOO_MANY_FUTURE)));
		// An exempt account (a trading centre, the pool administrator entering a roster)
		// queues `ExemptMultiple` times as far, and no further.
		frame_system::Pallet::<Test>::inc_providers(&TRADING_CENTRE);
		let exempt_furthest = furthest * <<Test as Config>::ExemptMultiple as Get<u32>>::get();
		assert_ok!(send_nonce(&TRADING_CENTRE, exempt_furthest));
		assert_eq!(
			send_nonce(&TRADING_CENTRE, exempt_furthest + 1),
			Err(refused_code(admission::TOO_MANY_FUTURE))
		);

		// The honest bidder's commit near its deadline outranks the flood in the pool.
		let bid_priority = send(&honest, &urgent_call(), 300).expect("a bid is admitted");
		assert_eq!(bid_priority, URGENT_PRIORITY);
		assert!(bid_priority > 0);
	});
}

fn refused_code(code: u8) -> TransactionValidityError {
	InvalidTransaction::Custom(code).into()
}

/// `who` sends `ordinary_call()` declaring `weight` through the gate (validated, and its
/// counter written as at dispatch).
fn send_weighing(
	who: &sp_runtime::AccountId32,
	weight: Weight,
) -> Result<(), TransactionValidityError> {
	use sp_runtime::traits::TransactionExtension;
	let info = DispatchInfo { call_weight: weight, ..Default::default() };
	let (_, val, origin) = CheckCertificate::<Test>::new().validate_only(
		Some(who.clone()).into(),
		&ordinary_call(),
		&info,
		100,
		External,
		0,
	)?;
	CheckCertificate::<Test>::new().prepare(val, &origin, &ordinary_call(), &info, 100)?;
	Ok(())
}

/// One small transaction declaring a large weight (as `Council::close` with a large weight
/// bound, charged in full when it fails) would fill a block: the gate sums the declared
/// weights per window, for participants and (with `ExemptMultiple` times the budget) for the
/// exempt trading centres too.
#[test]
fn attack_declared_weight_fills_blocks() {
	new_test_ext().execute_with(|| {
		let flooder = certify(10, 1, &[Role::Bidder]);
		let budget = <<Test as Config>::MaxWeightPerWindow as Get<Weight>>::get();
		// A block's worth declared at once is refused outright.
		assert_eq!(
			send_weighing(&flooder, budget.saturating_mul(2)),
			Err(refused_code(admission::WEIGHT_LIMITED))
		);
		// Half the budget twice, then nothing more in this window.
		assert_ok!(send_weighing(&flooder, budget / 2));
		assert_ok!(send_weighing(&flooder, budget / 2));
		assert_eq!(
			send_weighing(&flooder, Weight::from_parts(1, 0)),
			Err(refused_code(admission::WEIGHT_LIMITED))
		);
		// The next window has a fresh budget.
		System::set_block_number(11);
		assert_ok!(send_weighing(&flooder, budget / 2));

		// A trading centre has no count limit but a budget too: `ExemptMultiple` times.
		let multiple = <<Test as Config>::ExemptMultiple as Get<u32>>::get() as u64;
		for _ in 0..multiple {
			assert_ok!(send_weighing(&TRADING_CENTRE, budget));
		}
		assert_eq!(
			send_weighing(&TRADING_CENTRE, budget),
			Err(refused_code(admission::WEIGHT_LIMITED))
		);
	});
}

#[test]
fn urgent_calls_have_a_reserve_beyond_the_count_limit() {
	new_test_ext().execute_with(|| {
		let bidder = certify(10, 1, &[Role::Bidder]);
		for _ in 0..3 {
			assert_eq!(send(&bidder, &ordinary_call(), 10), Ok(0));
		}
		assert_eq!(gate(&bidder), refused(admission::RATE_LIMITED));
		let reserve = <<Test as Config>::UrgentReserve as Get<u32>>::get();
		for _ in 0..reserve {
			assert_eq!(send(&bidder, &urgent_call(), 10), Ok(URGENT_PRIORITY));
		}
		assert_eq!(send(&bidder, &urgent_call(), 10), Err(refused_code(admission::RATE_LIMITED)));
	});
}

#[test]
fn the_nonce_window_delegates_to_check_nonce() {
	use sp_runtime::traits::TransactionExtension;
	new_test_ext().execute_with(|| {
		let bidder = certify(10, 1, &[Role::Bidder]);
		// Same encoding and identifier as frame_system's CheckNonce.
		assert_eq!(
			CheckNonceWindow::<Test>::from(5).encode(),
			frame_system::CheckNonce::<Test>::from(5).encode()
		);
		assert_eq!(
			<CheckNonceWindow<Test> as TransactionExtension<RuntimeCall>>::IDENTIFIER,
			"CheckNonce"
		);
		// A nonce that is used once applies and is then stale.
		assert_ok!(CheckNonceWindow::<Test>::from(0).validate_and_prepare(
			Some(bidder.clone()).into(),
			&ordinary_call(),
			&DispatchInfo::default(),
			0,
			0
		));
		assert_eq!(System::account_nonce(&bidder), 1);
		assert_eq!(send_nonce(&bidder, 0), Err(InvalidTransaction::Stale.into()));
		assert_ok!(send_nonce(&bidder, 9));
		assert_eq!(send_nonce(&bidder, 10), Err(refused_code(admission::TOO_MANY_FUTURE)));
	});
}

#[test]
fn expired_rate_limit_counters_are_removed_on_idle() {
	use frame_support::traits::Hooks;
	new_test_ext().execute_with(|| {
		let bidder = certify(10, 1, &[Role::Bidder]);
		let expert = certify(11, 2, &[Role::Expert]);
		assert_ok!(gate(&bidder));
		System::set_block_number(6);
		assert_ok!(gate(&expert));
		// Block 10: the bidder's window (from block 1) is still running.
		Certificates::on_idle(10, Weight::MAX);
		assert!(RecentTransactions::<Test>::contains_key(&bidder));
		// Block 11: the bidder's window ended and its counter is gone; the expert's stays.
		Certificates::on_idle(11, Weight::MAX);
		assert!(!RecentTransactions::<Test>::contains_key(&bidder));
		assert!(RecentTransactions::<Test>::contains_key(&expert));
		Certificates::on_idle(16, Weight::MAX);
		assert_eq!(RecentTransactions::<Test>::iter().count(), 0);
		assert!(SweepCursor::<Test>::get().is_none());
	});
}

// --- Issue 15: credit records ---

#[test]
fn attack_full_credit_record_blocks_lifting() {
	new_test_ext().execute_with(|| {
		let bidder = certify(10, 1, &[Role::Bidder]);
		let supervisors: Vec<_> =
			(0..3).map(|i| certify(20 + i, 20 + i as u64, &[Role::Supervisor])).collect();
		assert_ok!(record_violation(
			supervisors[0].clone(),
			bidder.clone(),
			Severity::Severe,
			H256::zero(),
			NOW + 30 * DAY,
			Some(Bar::Bidding)
		));
		// The record is filled (four entries kept in the test runtime).
		for sup in [&supervisors[1], &supervisors[1], &supervisors[2]] {
			assert_ok!(minor_violation(sup.clone(), bidder.clone()));
		}
		let identity = identity_of(&bidder);
		assert!(CreditRecords::<Test>::get(identity).is_full());
		// The consortium can still lift the bar; the lift is kept, the oldest entry archived.
		assert_ok!(Certificates::lift_bar(
			RuntimeOrigin::root(),
			bidder.clone(),
			Bar::Bidding,
			H256::repeat_byte(1)
		));
		assert!(!Certificates::is_barred(&bidder, Bar::Bidding));
		let record = CreditRecords::<Test>::get(identity);
		assert_eq!(
			record.last().map(|e| &e.event),
			Some(&CreditEvent::Lifted { bar: Bar::Bidding })
		);
		assert_eq!(CreditHistory::<Test>::get(identity).archived, 1);
	});
}

#[test]
fn attack_padding_prevents_a_bar() {
	new_test_ext().execute_with(|| {
		let bidder = certify(10, 1, &[Role::Bidder]);
		let padder = certify(20, 20, &[Role::Supervisor]);
		let honest = certify(21, 21, &[Role::Supervisor]);
		let limit = <<Test as Config>::MaxViolationsPerSupervisor as Get<u32>>::get();
		// One supervisor pads the record with minor entries: it is stopped at its limit.
		for _ in 0..limit {
			assert_ok!(minor_violation(padder.clone(), bidder.clone()));
		}
		assert_noop!(
			minor_violation(padder.clone(), bidder.clone()),
			Error::<Test>::TooManyViolationsBySupervisor
		);
		// Even a full record (padded by several) never blocks a new violation with a bar.
		let other = certify(22, 22, &[Role::Supervisor]);
		for _ in 0..limit {
			assert_ok!(minor_violation(other.clone(), bidder.clone()));
		}
		let identity = identity_of(&bidder);
		assert!(CreditRecords::<Test>::get(identity).is_full());
		assert_ok!(record_violation(
			honest,
			bidder.clone(),
			Severity::Severe,
			H256::repeat_byte(0xee),
			NOW + 30 * DAY,
			Some(Bar::Bidding)
		));
		assert!(Certificates::is_barred(&bidder, Bar::Bidding));
		let history = CreditHistory::<Test>::get(identity);
		assert_eq!(history.archived, 1);
		assert_ne!(history.digest, H256::zero());
		// The bar names the violation's number, archived entries counted.
		assert_eq!(Bars::<Test>::get(identity, Bar::Bidding).map(|b| b.record), Some(4));
		// The period passes: the padder may record again.
		set_now(NOW + 31 * DAY);
		assert_ok!(record_violation(
			padder,
			bidder,
			Severity::Minor,
			H256::zero(),
			NOW + 40 * DAY,
			None
		));
	});
}

// --- Issue 15: revocations and bars ---

#[test]
fn attack_reregistering_undoes_revocation() {
	new_test_ext().execute_with(|| {
		// The consortium revokes a bidder's certificate.
		let bidder = certify(10, 1, &[Role::Bidder]);
		assert_ok!(Certificates::revoke_by_consortium(RuntimeOrigin::root(), bidder.clone()));
		// The same serial cannot come back (e.g. replayed on a fresh chain state).
		assert!(RevokedSerials::<Test>::contains_key(0, 1));
		// A new certificate for the same account and identity is refused ...
		assert_noop!(register(bidder_payload(2)), Error::<Test>::IdentityRevoked);
		// ... and for the same identity on another account.
		let mut elsewhere = payload(0, 3, account(12), &[Role::Bidder]);
		elsewhere.identity_hash = identity_of(&bidder);
		assert_noop!(register(elsewhere.clone()), Error::<Test>::IdentityRevoked);
		// ... and for the same account under another identity hash.
		let mut other_identity = bidder_payload(4);
		other_identity.identity_hash = H256::repeat_byte(0x77);
		assert_noop!(register(other_identity), Error::<Test>::AccountOfAnotherIdentity);
		assert_noop!(
			Certificates::ensure_role(&bidder, Role::Bidder),
			Error::<Test>::CertificateRevoked
		);

		// A CA revokes a serial it signed before anyone registers it: it can never be used.
		let (r, s) = revocation(7);
		assert_ok!(revoke(r.clone(), ca_pair(1).public().0, s));
		System::assert_last_event(Event::SerialRevoked { authority: 0, serial: 7 }.into());
		assert_noop!(revoke(r, ca_pair(1).public().0, s), Error::<Test>::AlreadyRevoked);
		assert_noop!(
			register(payload(0, 7, account(13), &[Role::Bidder])),
			Error::<Test>::SerialRevoked
		);

		// A CA's revocation holds as well.
		let expert = certify(11, 5, &[Role::Expert]);
		let (r, s) = revocation(5);
		assert_ok!(revoke(r, ca_pair(1).public().0, s));
		assert_noop!(
			register(payload(0, 6, expert.clone(), &[Role::Expert])),
			Error::<Test>::IdentityRevoked
		);

		// Only when the consortium restores the identity is a new certificate registered.
		assert_noop!(
			Certificates::restore_identity(RuntimeOrigin::signed(account(3)), identity_of(&bidder)),
			DispatchError::BadOrigin
		);
		assert_ok!(Certificates::restore_identity(RuntimeOrigin::root(), identity_of(&bidder)));
		System::assert_last_event(
			Event::IdentityRestored { identity: identity_of(&bidder) }.into(),
		);
		assert_noop!(
			Certificates::restore_identity(RuntimeOrigin::root(), identity_of(&bidder)),
			Error::<Test>::IdentityNotRevoked
		);
		assert_noop!(register(bidder_payload(1)), Error::<Test>::DuplicateSerial);
		assert_ok!(register(bidder_payload(2)));
		assert_ok!(Certificates::ensure_role(&bidder, Role::Bidder));
	});
}

/// Admits CA 1 (Baiyin, key `ca_pair(2)`), valid from a month ago for `days` days.
fn admit_second_authority(days: u64) {
	let keys = vec![ca_pair(2).public().0].try_into().unwrap();
	assert_ok!(Certificates::admit_authority(
		RuntimeOrigin::root(),
		b"Baiyin CA".to_vec().try_into().unwrap(),
		city(b"BY"),
		keys,
		NOW - 30 * DAY,
		NOW - 30 * DAY + days * DAY
	));
}

#[test]
fn attack_ca_overwrites_other_cas_certificate() {
	new_test_ext().execute_with(|| {
		admit_second_authority(3650);
		let bidder = certify(10, 1, &[Role::Bidder]);
		// CA 1 signs a certificate for CA 0's participant, e.g. with other roles.
		let hijack = payload(1, 1, bidder.clone(), &[Role::Bidder, Role::Tenderer]);
		assert_noop!(
			register_signed(hijack.clone(), 2, 2),
			Error::<Test>::CertifiedByAnotherAuthority
		);
		assert_eq!(Certificates::valid_certificate(&bidder).map(|c| c.authority).ok(), Some(0));
		// The issuing CA may renew its own certificate.
		assert_ok!(register(bidder_payload(2)));
		// Once CA 0's certificate no longer counts (here: it expired), CA 1 may certify.
		set_now(NOW + 365 * DAY);
		let mut later = hijack;
		later.valid_until = NOW + 400 * DAY;
		assert_ok!(register_signed(later, 2, 2));
		assert_eq!(Certificates::valid_certificate(&bidder).map(|c| c.authority).ok(), Some(1));
	});
}

#[test]
fn attack_second_account_dodges_bar() {
	new_test_ext().execute_with(|| {
		let sup = supervisor();
		let first = certify(10, 1, &[Role::Bidder, Role::Tenderer]);
		// The same company gets a second account certified.
		let mut second_payload = payload(0, 2, account(12), &[Role::Bidder, Role::Tenderer]);
		second_payload.identity_hash = identity_of(&first);
		assert_ok!(register(second_payload));
		let second = account(12);
		for bar in [Bar::Bidding, Bar::Publishing] {
			assert_ok!(record_violation(
				sup.clone(),
				first.clone(),
				Severity::Severe,
				H256::zero(),
				NOW + 30 * DAY,
				Some(bar)
			));
			assert!(Certificates::is_barred(&second, bar));
			assert_noop!(Certificates::ensure_not_barred(&second, bar), Error::<Test>::Barred);
		}
		// An unrelated company is not barred.
		let other = certify(11, 3, &[Role::Bidder]);
		assert_ok!(Certificates::ensure_not_barred(&other, Bar::Bidding));
		// The credit record is the identity's, whichever account is named.
		assert_eq!(CreditRecords::<Test>::get(identity_of(&first)).len(), 2);
		// Lifting through either account lifts it for both.
		assert_ok!(Certificates::lift_bar(
			RuntimeOrigin::root(),
			second.clone(),
			Bar::Publishing,
			H256::zero()
		));
		System::assert_last_event(
			Event::BarLifted {
				subject: second,
				identity: identity_of(&first),
				bar: Bar::Publishing,
				evidence: H256::zero(),
			}
			.into(),
		);
		assert_ok!(Certificates::ensure_not_barred(&first, Bar::Publishing));
		assert_noop!(Certificates::ensure_not_barred(&first, Bar::Bidding), Error::<Test>::Barred);
	});
}

#[test]
fn an_authority_outside_its_own_window_invalidates_its_certificates() {
	new_test_ext().execute_with(|| {
		// CA 1 is valid for 40 days from a month ago; its certificate for a year.
		admit_second_authority(40);
		let cert = payload(1, 1, account(10), &[Role::Bidder]);
		assert_ok!(register_signed(cert, 2, 2));
		assert_ok!(Certificates::ensure_role(&account(10), Role::Bidder));
		set_now(NOW + 10 * DAY);
		assert_noop!(
			Certificates::ensure_role(&account(10), Role::Bidder),
			Error::<Test>::AuthorityNotValidNow
		);
		assert_eq!(gate(&account(10)), refused(admission::AUTHORITY_EXPIRED));
	});
}
