#!/usr/bin/python3
"""Runs the Kubernetes example of packaging/kubernetes under Podman, as a kubelet would, and checks it.

No cluster is needed: each workload's containers start with what the manifests say (image, command and args with
$(VAR) expansion, env from Secrets, user and group, read-only root, dropped capabilities, no new privileges, volumes
and subPath mounts), on an internal Podman network with no route out. Probes run as the manifests define them.

Usage: check.py SERVER_DEB  (as root; podman, runc, netavark, iptables, debootstrap, python3-yaml and openssl installed)
"""
import json
import os
import pathlib
import resource
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time

import yaml

HERE = pathlib.Path(__file__).resolve().parent
MANIFESTS = HERE.parent
REPO = MANIFESTS.parent.parent
# crun refuses this machine kind's hybrid cgroup layout; runc takes it.
PODMAN = ["podman", "--runtime", "runc"]
# Podman lowers its own process limit to 32768 and cannot raise a hard limit without CAP_SYS_RESOURCE, which
# containers here lack: ask for what this process already has.
NOFILE = resource.getrlimit(resource.RLIMIT_NOFILE)[1]
NPROC_HARD = resource.getrlimit(resource.RLIMIT_NPROC)[1]
NPROC = 32768 if NPROC_HARD == resource.RLIM_INFINITY else min(NPROC_HARD, 32768)
LIMITS = ["--ulimit", f"nofile={NOFILE}:{NOFILE}", "--ulimit", f"nproc={NPROC}:{NPROC}"]
PREFIX = "fieldline-check"
NETWORK = f"{PREFIX}-net"
SERVER_IMAGE = "localhost/fieldline-server:0.1.0"
IMAGES = {
    "fieldline-server:0.1.0": SERVER_IMAGE,
    "postgres:15-bookworm": f"localhost/{PREFIX}/postgres:15",
}
SERVICE_HOST = "fieldline-server.fieldline.svc"


def address(container_name):
    """The container's address on the check's network."""
    out = run(PODMAN + ["inspect", container_name, "--format", "{{json .NetworkSettings.Networks}}"]).stdout
    return json.loads(out)[NETWORK]["IPAddress"]


def require(condition, message):
    """An assertion that stays on whatever Python's flags say."""
    if not condition:
        raise SystemExit(f"check failed: {message}")


def log(message):
    print(f"check: {message}", flush=True)


def run(args, check=True, timeout=600):
    result = subprocess.run(args, text=True, capture_output=True, timeout=timeout)
    if check and result.returncode != 0:
        raise SystemExit(f"failed ({result.returncode}): {' '.join(args)}\n{result.stdout}{result.stderr}")
    return result


def podman(*args, **kwargs):
    return run(PODMAN + list(args), **kwargs)


def wait_until(container_name, what, passes, seconds):
    """Polls passes() once a second; after @p seconds fails with the container's logs."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if passes():
            return
        time.sleep(1)
    logs = podman("logs", container_name, check=False)
    raise SystemExit(f"{container_name}: {what} did not pass in {seconds} s\n{logs.stdout}{logs.stderr}")


def build_images(server_deb, work):
    if podman("image", "exists", "docker.io/library/debian:12-slim", check=False).returncode != 0:
        # Stands in for Docker Hub's debian:12-slim, which the Containerfile starts from.
        log("debootstrap bookworm (minbase) as debian:12-slim")
        rootfs = work / "rootfs"
        mirror = os.environ.get("FIELDLINE_DEBIAN_MIRROR", "http://deb.debian.org/debian")
        run(["debootstrap", "--variant=minbase", "bookworm", str(rootfs), mirror])
        shutil.rmtree(rootfs / "var/cache/apt/archives", ignore_errors=True)
        tar = subprocess.Popen(["tar", "-C", str(rootfs), "-c", "."], stdout=subprocess.PIPE)
        imported = subprocess.run(PODMAN + ["import", "-", "docker.io/library/debian:12-slim"], stdin=tar.stdout,
                                  capture_output=True, text=True)
        if tar.wait() != 0 or imported.returncode != 0:
            podman("rmi", "--force", "docker.io/library/debian:12-slim", check=False)
            raise SystemExit(f"could not import the debootstrapped base image\n{imported.stderr}")
        shutil.rmtree(rootfs)
    build = ["build", "--format", "docker", "--network", "host", "--pull=never"] + LIMITS
    context = work / "image"
    context.mkdir()
    shutil.copy(server_deb, context)
    log("building the server image from packaging/container/Containerfile")
    podman(*build, "-f", str(REPO / "packaging/container/Containerfile"), "-t", SERVER_IMAGE, str(context))
    log("building the PostgreSQL stand-in image")
    podman(*build, "-f", str(HERE / "postgres-standin.Containerfile"), "-t", IMAGES["postgres:15-bookworm"], str(HERE))


def load_manifests():
    kustomization = yaml.safe_load((MANIFESTS / "kustomization.yaml").read_text())
    objects = {}
    for name in kustomization["resources"] + ["secrets.example.yaml"]:
        for doc in yaml.safe_load_all((MANIFESTS / name).read_text()):
            if doc:
                objects[(doc["kind"], doc["metadata"]["name"])] = doc
    return objects


def make_certificates(work):
    """A CA and a server certificate for the Service's name, as an operator would put in the fieldline-tls Secret."""
    ca_key, ca_crt, key, csr, crt = (work / n for n in ("ca.key", "ca.crt", "tls.key", "tls.csr", "tls.crt"))
    run(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
         "-keyout", str(ca_key), "-out", str(ca_crt), "-days", "2", "-subj", "/CN=fieldline check CA"])
    run(["openssl", "req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-keyout", str(key),
         "-out", str(csr), "-subj", f"/CN={SERVICE_HOST}"])
    ext = work / "san.ext"
    ext.write_text(f"subjectAltName=DNS:{SERVICE_HOST}\n")
    run(["openssl", "x509", "-req", "-in", str(csr), "-CA", str(ca_crt), "-CAkey", str(ca_key), "-CAcreateserial",
         "-out", str(crt), "-days", "2", "-extfile", str(ext)])
    return ca_crt, crt.read_text(), key.read_text()


def fill_secrets(objects, work):
    """The example Secrets with their placeholders replaced, as README.md tells an operator to do; the CA's path."""
    postgres = objects[("Secret", "fieldline-postgres")]["stringData"]
    for key in ("superuser-password", "owner-password", "app-password"):
        require(postgres[key].startswith("change-me"), f"secrets.example.yaml: {key} is not a placeholder")
        postgres[key] = secrets.token_urlsafe(24)
    objects[("Secret", "fieldline-operator-token")]["stringData"]["operator-token"] = secrets.token_hex(32)
    ca, crt, key = make_certificates(work)
    objects[("Secret", "fieldline-tls")]["stringData"] = {"tls.crt": crt, "tls.key": key}
    return ca


class Kubelet:
    """Starts the containers of one pod template the way the manifests describe them."""

    def __init__(self, objects, work):
        self.objects = objects
        self.work = work
        self.hosts = {}  # name -> address, given to every container as /etc/hosts entries (no cluster DNS)
        self.started = []

    def secret_value(self, ref):
        return self.objects[("Secret", ref["name"])]["stringData"][ref["key"]]

    def env(self, container):
        values = {}
        for item in container.get("env", []):
            if "value" in item:
                values[item["name"]] = item["value"]
            else:
                values[item["name"]] = self.secret_value(item["valueFrom"]["secretKeyRef"])
        return values

    @staticmethod
    def expand(text, env):
        for name, value in env.items():
            text = text.replace(f"$({name})", value)
        return text

    def volume_dir(self, pod, volume, fs_group):
        """A host folder with what the volume holds, owned and moded as the kubelet would."""
        path = pathlib.Path(tempfile.mkdtemp(dir=self.work, prefix=f"{pod}-{volume['name']}-"))
        source = volume.get("secret") or volume.get("configMap")
        if source is None:  # emptyDir or a volume claim: empty, world-writable like emptyDir, group fsGroup
            path.chmod(0o2777 if fs_group else 0o777)
            if fs_group:
                os.chown(path, 0, fs_group)
            return path
        if "secret" in volume:
            files = self.objects[("Secret", source["secretName"])]["stringData"]
        else:
            files = self.objects[("ConfigMap", source["name"])]["data"]
        mode = source.get("defaultMode", 0o644)
        path.chmod(0o755)
        for name, content in files.items():
            file = path / name
            file.write_text(content)
            os.chown(file, 0, fs_group or 0)
            file.chmod(mode | (0o040 if fs_group else 0))
        return path

    def start(self, name, template, claims=None):
        spec = template["spec"]
        (container,) = spec["containers"]
        pod_security = spec.get("securityContext", {})
        security = {**pod_security, **container.get("securityContext", {})}
        fs_group = pod_security.get("fsGroup")
        env = self.env(container)
        args = ["run", "--detach", "--name", f"{PREFIX}-{name}", "--network", NETWORK, "--pull=never"] + LIMITS
        # A Job's pod is retried by check_cluster; every other pod restarts, as restartPolicy Always does.
        args += ["--restart", "no" if spec.get("restartPolicy", "Always") != "Always" else "always"]
        limits = container.get("resources", {}).get("limits", {})
        if "memory" in limits:
            args += ["--memory", limits["memory"].replace("Mi", "m").replace("Gi", "g")]
        if "cpu" in limits:
            args += ["--cpus", str(limits["cpu"])]
        for host, ip in self.hosts.items():
            args += ["--add-host", f"{host}:{ip}"]
        for key, value in env.items():
            args += ["--env", f"{key}={value}"]
        if "runAsUser" in security:
            args += ["--user", f"{security['runAsUser']}:{security.get('runAsGroup', security['runAsUser'])}"]
        if security.get("runAsNonRoot"):
            require(security.get("runAsUser", 0) != 0, f"{name}: runAsNonRoot without a non-root runAsUser")
        if fs_group:
            args += ["--group-add", str(fs_group)]
        if security.get("readOnlyRootFilesystem"):
            args += ["--read-only", "--read-only-tmpfs=false"]
        if security.get("allowPrivilegeEscalation") is False:
            args += ["--security-opt", "no-new-privileges"]
        for cap in security.get("capabilities", {}).get("drop", []):
            args += ["--cap-drop", cap]
        volumes = {v["name"]: v for v in spec.get("volumes", [])}
        for claim in claims or []:
            volumes[claim["metadata"]["name"]] = {"name": claim["metadata"]["name"]}
        dirs = {}
        for mount in container.get("volumeMounts", []):
            volume = volumes[mount["name"]]
            if mount["name"] not in dirs:
                dirs[mount["name"]] = self.volume_dir(name, volume, fs_group)
            source = dirs[mount["name"]] / mount.get("subPath", "")
            options = "ro" if mount.get("readOnly") else "rw"
            args += ["--volume", f"{source}:{mount['mountPath']}:{options}"]
        if "command" in container:
            args += ["--entrypoint", json.dumps([self.expand(a, env) for a in container["command"]])]
        args.append(IMAGES[container["image"]])
        args += [self.expand(a, env) for a in container.get("args", [])]
        podman(*args)
        self.started.append(f"{PREFIX}-{name}")
        return f"{PREFIX}-{name}", container

    def probe(self, container_name, container, kind):
        """One run of the container's probe of this kind; True when it passes."""
        probe = container[kind]
        if "exec" in probe:
            return podman("exec", container_name, *probe["exec"]["command"], check=False).returncode == 0
        get = probe["httpGet"]
        port = get["port"]
        if isinstance(port, str):
            port = next(p["containerPort"] for p in container["ports"] if p["name"] == port)
        url = f"{get.get('scheme', 'HTTP').lower()}://{address(container_name)}:{port}{get['path']}"
        # The kubelet does not check the certificate; curl is in the image for its HEALTHCHECK.
        result = podman("exec", container_name, "curl", "-sk", "-o", "/dev/null", "-w", "%{http_code}", "--max-time",
                        str(probe.get("timeoutSeconds", 1)), url, check=False)
        return 200 <= int(result.stdout or 0) < 400

    def wait(self, container_name, container, kind, seconds=60):
        wait_until(container_name, kind, lambda: self.probe(container_name, container, kind), seconds)

    def stop_all(self):
        for name in reversed(self.started):
            podman("rm", "--force", "--volumes", "--time", "5", name, check=False)


def admin(ca, replica_ip, token, *command, stdin=None):
    """fieldline-admin from the server image, trusting the check's CA, against one replica by the Service's name."""
    script = ('update-ca-certificates >/dev/null 2>&1 && '
              f'exec fieldline-admin --server https://{SERVICE_HOST}:8443 --token-env OPERATOR_TOKEN "$@"')
    args = PODMAN + ["run", "--rm", "--interactive", "--network", NETWORK, "--pull=never", "--user", "0"] + LIMITS + [
        "--add-host", f"{SERVICE_HOST}:{replica_ip}", "--env", f"OPERATOR_TOKEN={token}",
        "--volume", f"{ca}:/usr/local/share/ca-certificates/fieldline-check.crt:ro",
        "--entrypoint", "bash", SERVER_IMAGE, "-c", script, "fieldline-admin"] + list(command)
    result = subprocess.run(args, text=True, input=stdin, capture_output=True, timeout=120)
    if result.returncode != 0:
        raise SystemExit(f"fieldline-admin {' '.join(command)} failed:\n{result.stdout}{result.stderr}")
    return result.stdout


def process_status(container_name):
    """Ids, capability sets and no_new_privs of the container's main process, from /proc/1/status."""
    fields = "^(Uid|Gid|Groups|CapEff|CapPrm|CapBnd|NoNewPrivs):"
    out = podman("exec", container_name, "grep", "-E", fields, "/proc/1/status").stdout
    return {line.split(":")[0]: line.split(":")[1].split() for line in out.splitlines()}


def run_job(kubelet, job, deadline):
    """The Job's pod until it succeeds: restartPolicy OnFailure, Kubernetes' backoff of 10 s doubling per failure."""
    backoff = 10
    for attempt in range(1, job.get("backoffLimit", 6) + 2):
        name, _ = kubelet.start(f"fieldline-migrate-{attempt}", job["template"])
        left = max(1, int(deadline - time.monotonic()))
        code = int(podman("wait", name, timeout=left).stdout.strip())
        log(f"migration job attempt {attempt} exited {code}")
        if code == 0:
            return
        if time.monotonic() + backoff > deadline:
            break
        time.sleep(backoff)
        backoff *= 2
    logs = podman("logs", name, check=False)
    raise SystemExit(f"the migration job did not complete; its last attempt said:\n{logs.stdout}{logs.stderr}")


def check_replica(kubelet, name, container):
    kubelet.wait(name, container, "readinessProbe", seconds=120)
    require(kubelet.probe(name, container, "livenessProbe"), f"{name}: liveness probe failed")
    status = process_status(name)
    require(status["Uid"][0] == "10001" and status["Gid"][0] == "10001", f"{name}: {status}")
    require("10001" in status["Groups"], f"{name}: fsGroup 10001 is not among the groups: {status}")
    for caps in ("CapEff", "CapPrm", "CapBnd"):  # drop ALL empties the bounding set too
        require(int(status[caps][0], 16) == 0, f"{name}: {caps} {status[caps][0]}")
    require(status["NoNewPrivs"][0] == "1", f"{name}: no_new_privs is off")
    memory = podman("exec", name, "sh", "-c", "cat /sys/fs/cgroup/memory/memory.limit_in_bytes 2>/dev/null "
                    "|| cat /sys/fs/cgroup/memory.max").stdout.strip()
    require(memory == str(1 << 30), f"{name}: memory limit {memory}, the manifest says 1Gi")
    touch = podman("exec", name, "touch", "/usr/fieldline-check", check=False)
    require(touch.returncode != 0 and "Read-only file system" in touch.stderr, f"{name}: root is writable")


def check_cluster(objects, kubelet, ca):
    token = objects[("Secret", "fieldline-operator-token")]["stringData"]["operator-token"]
    started = time.monotonic()
    # Everything at once, as kubectl apply -k does: the servers and the Job start while PostgreSQL initialises.
    postgres = objects[("StatefulSet", "postgres")]["spec"]
    pg_name, pg_container = kubelet.start("postgres-0", postgres["template"], postgres.get("volumeClaimTemplates"))
    kubelet.hosts["postgres.fieldline.svc"] = address(pg_name)
    deployment = objects[("Deployment", "fieldline-server")]["spec"]
    replicas = [kubelet.start(f"fieldline-server-{i}", deployment["template"]) for i in range(deployment["replicas"])]
    run_job(kubelet, objects[("Job", "fieldline-migrate")]["spec"], deadline=started + 300)
    log(f"migration done after {time.monotonic() - started:.0f} s")
    kubelet.wait(pg_name, pg_container, "readinessProbe")

    for name, container in replicas:
        check_replica(kubelet, name, container)
        restarts = int(podman("inspect", name, "--format", "{{.RestartCount}}").stdout.strip())
        require(restarts > 0, f"{name} started before its database and schema, yet never stopped")
    log(f"{len(replicas)} replicas, restarted until the schema was there, now ready and live; uid and gid 10001 "
        "with fsGroup, no capabilities, no_new_privs, read-only root, 1 GiB memory limit")

    ips = [address(name) for name, _ in replicas]
    admin(ca, ips[0], token, "tenant", "create", "acme")
    admin(ca, ips[1 % len(ips)], token, "user", "create", "acme", "ann", "--role", "admin",
          stdin="correct horse battery staple\n")
    listing = admin(ca, ips[-1], token, "user", "list", "acme")
    require("ann" in listing and "admin" in listing, f"user list on the last replica: {listing}")
    log("tenant created on replica 0, user on replica 1, listed on the last replica (certificate verified)")

    def psql(sql):
        return podman("exec", pg_name, "psql", "-U", "postgres", "-d", "fieldline", "-Atc", sql).stdout.split()

    sessions = psql("SELECT DISTINCT usename FROM pg_stat_activity WHERE datname = 'fieldline' AND pid <> "
                    "pg_backend_pid() AND usename <> 'postgres'")
    require(sessions == ["fieldline_app"], f"sessions on database fieldline: {sessions}")
    require(psql("SELECT rolsuper OR rolbypassrls FROM pg_roles WHERE rolname = 'fieldline_app'") == ["f"],
            "fieldline_app is a superuser or bypasses row-level security")
    owners = psql("SELECT DISTINCT tableowner FROM pg_tables WHERE schemaname = 'public'")
    require(owners == ["fieldline_owner"], f"table owners: {owners}")
    unforced = psql("SELECT c.relname FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid AND "
                    "a.attname = 'tenant_id' AND NOT a.attisdropped WHERE c.relkind = 'r' AND c.relnamespace = "
                    "'public'::regnamespace AND NOT (c.relrowsecurity AND c.relforcerowsecurity)")
    tenant_tables = psql("SELECT count(*) FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid WHERE "
                         "a.attname = 'tenant_id' AND NOT a.attisdropped AND c.relkind = 'r' AND "
                         "c.relnamespace = 'public'::regnamespace")[0]
    require(int(tenant_tables) > 0 and not unforced, f"tables with tenant_id but no forced RLS: {unforced}")
    log(f"tables owned by fieldline_owner; the servers connect as fieldline_app only (no superuser, no "
        f"BYPASSRLS); all {tenant_tables} tables with tenant_id force row-level security")


def check_image_defaults(kubelet, work, ca):
    """The image as the Containerfile leaves it: default command (embedded SQLite), HEALTHCHECK, data in a volume."""
    tls_volume = {"name": "tls", "secret": {"secretName": "fieldline-tls", "defaultMode": 0o440}}
    tls_dir = kubelet.volume_dir("sqlite", tls_volume, fs_group=10001)
    data = pathlib.Path(tempfile.mkdtemp(dir=work, prefix="data-"))
    os.chown(data, 10001, 10001)
    name = f"{PREFIX}-sqlite"
    podman("run", "--detach", "--name", name, "--network", NETWORK, "--pull=never", *LIMITS,
           "--volume", f"{tls_dir}:/etc/fieldline-server/tls:ro", "--volume", f"{data}:/var/lib/fieldline-server",
           SERVER_IMAGE)
    try:
        def healthy():
            wait_until(name, "HEALTHCHECK", lambda: podman("healthcheck", "run", name, check=False).returncode == 0, 30)

        healthy()
        token = (data / "operator-token").read_text().strip()
        admin(ca, address(name), token, "tenant", "create", "globex")
        admin(ca, address(name), token, "user", "create", "globex", "bob", "--role", "agent",
              stdin="correct horse battery\n")
        require((data / "tenants.sqlite").exists(), f"volume holds {sorted(p.name for p in data.iterdir())}")
        podman("restart", "--time", "10", name)
        healthy()
        # A restarted container may get another address on the network.
        listing = admin(ca, address(name), token, "user", "list", "globex")
        require("bob" in listing, f"after the restart: {listing}")
        user = podman("exec", name, "id", "-u").stdout.strip()
        require(user == "10001", f"the image runs as {user}")
        log("image defaults: HEALTHCHECK healthy, runs as 10001, SQLite data in the volume survives a restart")
    finally:
        podman("rm", "--force", "--volumes", "--time", "5", name, check=False)


def main():
    if len(sys.argv) != 2:
        raise SystemExit(__doc__)
    # A cancelled CI job still removes what it started (the finally below).
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    server_deb = pathlib.Path(sys.argv[1]).resolve()
    started = time.monotonic()
    work = pathlib.Path(tempfile.mkdtemp(prefix=f"{PREFIX}-"))
    work.chmod(0o755)
    kubelet = None
    try:
        build_images(server_deb, work)
        log(f"images built ({time.monotonic() - started:.0f} s)")
        objects = load_manifests()
        ca = fill_secrets(objects, work)
        podman("network", "rm", "--force", NETWORK, check=False)
        podman("network", "create", "--internal", NETWORK)
        kubelet = Kubelet(objects, work)
        check_cluster(objects, kubelet, ca)
        check_image_defaults(kubelet, work, ca)
        log(f"all checks passed in {time.monotonic() - started:.0f} s")
    finally:
        if kubelet:
            kubelet.stop_all()
        podman("network", "rm", "--force", NETWORK, check=False)
        podman("image", "prune", "--force", check=False)  # the previous run's server image
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
