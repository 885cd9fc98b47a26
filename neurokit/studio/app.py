"""The studio's Starlette application: the page, its assets and the JSON API.

Every answer to bad input is JSON ``{"error": one line, "problems": [{path, message}]}`` with
a 4xx status; a spec that fails the validator comes back as its field problems.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import json
from pathlib import Path

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, JSONResponse, StreamingResponse
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from neurokit.core.errors import NeurokitError, SpecError
from neurokit.spec import parse_spec
from neurokit.studio import catalog, runviews, safety
from neurokit.studio.guard import Guard
from neurokit.studio.sessions import DEFAULT_MAX_TRAININGS, TooManyTrainings, Trainings

STATIC = Path(__file__).parent / "static"

#: Seconds between looks at a training for news while an event stream is open.
STREAM_POLL = 0.1


def error(message: str, status: int = 400, problems=()) -> JSONResponse:
    return JSONResponse({"error": message, "problems": list(problems)}, status_code=status)


def spec_error(exc: SpecError) -> JSONResponse:
    problems = [{"path": p.path, "message": p.message} for p in exc.problems]
    return error(f"the spec has {len(problems)} problem(s)", 422, problems)


async def body_json(request: Request) -> dict:
    """The request's JSON object, refused when too large, not JSON or not an object."""
    if request.headers.get("content-type", "").split(";")[0].strip() != "application/json":
        raise NeurokitError("send JSON (Content-Type: application/json)")
    raw = await request.body()
    if len(raw) > safety.MAX_BODY_BYTES:
        raise NeurokitError(f"the request is larger than {safety.MAX_BODY_BYTES} bytes")
    try:
        data = json.loads(raw)
    except (ValueError, UnicodeDecodeError) as exc:
        raise NeurokitError(f"the request is not JSON ({exc})") from None
    if not isinstance(data, dict):
        raise NeurokitError("the request must be a JSON object")
    return data


def handled(endpoint):
    """Turn library errors into one-line JSON answers (never a server error)."""

    @functools.wraps(endpoint)
    async def wrapper(*args):
        try:
            return await endpoint(*args)
        except SpecError as exc:
            return spec_error(exc)
        except TooManyTrainings as exc:
            return error(str(exc), 429)
        except safety.UnsafePath as exc:
            return error(str(exc), 403)
        except FileNotFoundError as exc:
            return error(str(exc), 404)
        except NeurokitError as exc:
            return error(str(exc).splitlines()[0] if str(exc) else type(exc).__name__, 400)

    return wrapper


class Studio:
    """The state behind the endpoints: the runs directory, the trainings, the registry."""

    def __init__(
        self,
        runs_dir: Path,
        plugins=(),
        examples_dir: Path | None = None,
        max_trainings: int = DEFAULT_MAX_TRAININGS,
        interval: float | None = None,
    ):
        self.runs_dir = Path(runs_dir)
        self.examples_dir = examples_dir
        options = {} if interval is None else {"interval": interval}
        self.trainings = Trainings(self.runs_dir, plugins, max_running=max_trainings, **options)
        self.registry = self.trainings.registry()

    # --- the page ----------------------------------------------------------------------------

    async def index(self, request: Request):
        return HTMLResponse((STATIC / "index.html").read_text(encoding="utf-8"))

    # --- what can be built -------------------------------------------------------------------

    @handled
    async def components(self, request: Request):
        return JSONResponse(catalog.components(self.registry))

    @handled
    async def examples(self, request: Request):
        return JSONResponse(catalog.examples(self.examples_dir))

    @handled
    async def example(self, request: Request):
        return JSONResponse(catalog.example(self.examples_dir, request.path_params["name"]))

    @handled
    async def check_spec(self, request: Request):
        data = await body_json(request)
        spec = parse_spec(_spec_of(data), self.registry, source="spec")
        return JSONResponse({"ok": True, "name": spec.name, "sizes": spec.sizes})

    # --- trainings ---------------------------------------------------------------------------

    @handled
    async def start_training(self, request: Request):
        data = await body_json(request)
        registry = self.trainings.registry()
        spec = parse_spec(_spec_of(data), registry, source="spec")
        if spec.training is None:
            raise NeurokitError("the spec has no 'training' section; it cannot be trained")
        training = self.trainings.start(spec, paused=bool(data.get("paused")), registry=registry)
        return JSONResponse(training.summary(), status_code=201)

    @handled
    async def list_trainings(self, request: Request):
        return JSONResponse([t.summary() for t in self.trainings.all()])

    def _training(self, request: Request):
        training = self.trainings.get(request.path_params["id"])
        if training is None:
            raise FileNotFoundError(f"no training {request.path_params['id']!r}")
        return training

    @handled
    async def training_state(self, request: Request):
        training = self._training(request)
        since = _int(request.query_params.get("since", "0"), "since")
        return JSONResponse(state_of(training, since))

    @handled
    async def control(self, request: Request):
        training = self._training(request)
        action = request.path_params["action"]
        actions = {
            "pause": training.view.pause,
            "resume": training.view.resume,
            "step": training.view.single_step,
            "stop": training.request_stop,
        }
        if action not in actions:
            raise FileNotFoundError(f"no action {action!r} (pause, resume, step, stop)")
        actions[action]()
        return JSONResponse(training.summary())

    @handled
    async def events(self, request: Request):
        """Server-sent events: the training's state whenever it changes, until it ends."""
        training = self._training(request)
        self.trainings.watch(training)

        async def stream():
            sent_version, sent_rows = -1, 0
            try:
                while True:
                    view = training.view
                    if view.version != sent_version or not training.alive:
                        sent_version = view.version
                        state = state_of(training, sent_rows)
                        sent_rows += len(state["history"])
                        yield f"data: {json.dumps(state)}\n\n"
                        if not training.alive and training.thread is not None:
                            return
                    if await request.is_disconnected():
                        return
                    await asyncio.sleep(STREAM_POLL)
            finally:
                self.trainings.unwatch(training)

        headers = {"Cache-Control": "no-cache", "X-Accel-Buffering": "no"}
        return StreamingResponse(stream(), media_type="text/event-stream", headers=headers)

    @handled
    async def predict(self, request: Request):
        from neurokit.studio.drawing import predict_drawing

        data = await body_json(request)
        model, names = self._model_for(data)
        return JSONResponse(predict_drawing(model, data.get("image"), names))

    def _model_for(self, data: dict):
        """The live model of a training (``training``) or a saved run's (``run``)."""
        from neurokit.pipeline import runs

        if "training" in data:
            training = self.trainings.get(str(data["training"]))
            if training is None or training.run is None:
                raise FileNotFoundError(f"no running training {data['training']!r}")
            return training.run.model, training.run.dataset.class_names
        if "run" in data:
            path = runviews.run_dir(self.runs_dir, str(data["run"]))
            _, model = runs.load_run(path, self.registry)
            return model, None
        raise NeurokitError("say which network: 'training' (an id) or 'run' (a run's name)")

    # --- runs --------------------------------------------------------------------------------

    @handled
    async def list_runs(self, request: Request):
        return JSONResponse(runviews.list_runs(self.runs_dir))

    @handled
    async def run_details(self, request: Request):
        path = runviews.run_dir(self.runs_dir, request.path_params["name"])
        details = await asyncio.to_thread(runviews.run_details, path, self.registry)
        return JSONResponse(details)

    @handled
    async def run_file(self, request: Request):
        path = runviews.run_dir(self.runs_dir, request.path_params["name"])
        target = safety.inside(path, request.path_params["path"])
        if not target.is_file():
            raise FileNotFoundError(f"no file {request.path_params['path']!r} in that run")
        return FileResponse(target)

    @handled
    async def restart_run(self, request: Request):
        path = runviews.run_dir(self.runs_dir, request.path_params["name"])
        registry = self.trainings.registry()
        from neurokit.spec import load_spec

        spec = load_spec(path / "spec.json", registry)
        training = self.trainings.start(spec, registry=registry)
        return JSONResponse(training.summary(), status_code=201)

    # --- explain -----------------------------------------------------------------------------

    @handled
    async def explain(self, request: Request):
        from neurokit.studio.explaining import explain_json

        data = await body_json(request)
        spec = parse_spec(_spec_of(data), self.registry, source="spec")
        x, y = data.get("input"), data.get("target")
        if (x is None) != (y is None):
            raise NeurokitError("give both an input and a target, or neither")
        example = _int(data.get("example", 0), "example")
        eta = data.get("eta")
        trace = explain_json(spec, self.registry, x=x, y=y, example=example, eta=eta)
        return JSONResponse(trace)


def _spec_of(data: dict) -> dict:
    spec = data.get("spec")
    if not isinstance(spec, dict):
        raise NeurokitError("send the spec as a JSON object under 'spec'")
    return spec


def _int(value, name: str) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        raise NeurokitError(f"{name}: expected a whole number, got {value!r}") from None


def state_of(training, since: int = 0) -> dict:
    """What the page needs of a training now; metrics rows from ``since`` on."""
    view = training.view
    with view.lock:
        return {
            **training.summary(),
            "position": view.position,
            "history": view.history[since:],
            "history_from": since,
            "picture": view.picture,
            "points": view.points,
            "step": view.step,
        }


def create_app(
    runs_dir="runs",
    *,
    plugins=(),
    examples_dir=None,
    token: str | None = None,
    max_trainings: int = DEFAULT_MAX_TRAININGS,
    interval: float | None = None,
) -> Starlette:
    """The studio as an ASGI app. ``token``: required on every request (off loopback)."""
    studio = Studio(Path(runs_dir), plugins, examples_dir, max_trainings, interval)
    routes = [
        Route("/", studio.index),
        Route("/api/components", studio.components),
        Route("/api/examples", studio.examples),
        Route("/api/examples/{name}", studio.example),
        Route("/api/check", studio.check_spec, methods=["POST"]),
        Route("/api/trainings", studio.list_trainings),
        Route("/api/trainings", studio.start_training, methods=["POST"]),
        Route("/api/trainings/{id}", studio.training_state),
        Route("/api/trainings/{id}/events", studio.events),
        Route("/api/trainings/{id}/{action}", studio.control, methods=["POST"]),
        Route("/api/predict", studio.predict, methods=["POST"]),
        Route("/api/runs", studio.list_runs),
        Route("/api/runs/{name}", studio.run_details),
        Route("/api/runs/{name}/restart", studio.restart_run, methods=["POST"]),
        Route("/api/runs/{name}/files/{path:path}", studio.run_file),
        Route("/api/explain", studio.explain, methods=["POST"]),
        Mount("/static", app=StaticFiles(directory=STATIC), name="static"),
    ]

    @contextlib.asynccontextmanager
    async def lifespan(app):
        yield
        # Ctrl-C or SIGTERM on the server: every training stops and saves, as Ctrl-C does.
        await asyncio.to_thread(studio.trainings.stop_all)

    app = Starlette(
        routes=routes,
        middleware=[Middleware(Guard, token=token)],
        lifespan=lifespan,
    )
    app.state.studio = studio
    return app
