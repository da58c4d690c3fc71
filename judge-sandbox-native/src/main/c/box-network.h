/* The box network: a network namespace of the slot's own with user-mode outbound networking. */
#ifndef JUDGE_BOX_NETWORK_H
#define JUDGE_BOX_NETWORK_H

/*
 * Creates the network namespace that runs with network join, confines it with nftables and attaches
 * slirp4netns to it. Must be called as root, in the host's network and mount namespaces. Returns the
 * namespace's descriptor (close-on-exec), or -1 with a reason in why (errno set where one applies).
 */
int box_network_start(const char *slirp4netns, const char *nft, char *why, int why_len);

#endif
